package dev.gitops.policy;

import dev.gitops.model.Manifest;

/**
 * The logic of a rule: inspects one object and reports violations. A check that does not apply to
 * the object's kind reports nothing. Exceptions are caught by the policy and handled per the
 * rule's {@link FailurePolicy}.
 */
@FunctionalInterface
public interface Check {
  /**
   * Inspects one object.
   *
   * @param object the object, never modified
   * @param out where violations are reported
   */
  void check(Manifest object, Violations out);
}
