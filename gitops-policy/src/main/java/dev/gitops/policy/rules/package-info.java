/**
 * Built-in rules (documented in docs/policy-rules.md) and the pod-spec locator they share:
 * {@link dev.gitops.policy.rules.PodSpecs} finds the pod spec of every workload kind, so
 * container rules are written once and report exact paths such as
 * {@code spec.template.spec.initContainers[0].securityContext.privileged}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.policy.rules;

import org.jspecify.annotations.NullMarked;
