/**
 * Rules in CEL: {@link dev.gitops.policy.cel.CelRule} (data) compiled once by
 * {@link dev.gitops.policy.cel.CelRuleCompiler} with the Kubernetes CEL libraries (lists, regex,
 * quantity, ip and cidr, url, format) and an iteration budget; and
 * {@link dev.gitops.policy.cel.AdmissionPolicies}, which evaluates ValidatingAdmissionPolicies and
 * their bindings offline. See docs/policy-rules.md.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.policy.cel;

import org.jspecify.annotations.NullMarked;
