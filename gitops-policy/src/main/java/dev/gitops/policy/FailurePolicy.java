package dev.gitops.policy;

/**
 * What happens when a rule cannot be evaluated (it throws, a CEL expression fails at run time or
 * exceeds its budget), after Kubernetes' admission {@code failurePolicy}.
 */
public enum FailurePolicy {
  /**
   * The error counts as a violation of the rule under its enforcement mode: an enforced rule
   * denies. Fails closed, the default.
   */
  FAIL,
  /** The error is reported as a {@link Action#WARN} verdict and never denies. */
  IGNORE
}
