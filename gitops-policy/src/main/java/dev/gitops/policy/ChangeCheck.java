package dev.gitops.policy;

/**
 * The logic of a rule over a planned change: sees the object before and after, so it can forbid
 * deletions or changes of immutable fields. An object evaluated without a plan is judged as a
 * {@link ObjectChange.Operation#CREATE}.
 */
@FunctionalInterface
public interface ChangeCheck {
  /**
   * Inspects one change.
   *
   * @param change the change, never modified
   * @param out where violations are reported
   */
  void check(ObjectChange change, Violations out);
}
