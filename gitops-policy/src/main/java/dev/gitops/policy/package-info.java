/**
 * Policy evaluation over rendered (and live) objects: {@link dev.gitops.policy.Policy} turns
 * objects into {@link dev.gitops.policy.Verdict}s, {@link dev.gitops.policy.Gate} turns verdicts
 * into an allow or deny {@link dev.gitops.policy.GateDecision}. Built-in rules are in
 * {@code dev.gitops.policy.rules}, CEL rules in {@code dev.gitops.policy.cel}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.policy;

import org.jspecify.annotations.NullMarked;
