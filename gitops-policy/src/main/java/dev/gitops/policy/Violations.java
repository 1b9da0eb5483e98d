package dev.gitops.policy;

/** Where a {@link Check} reports what it found; the policy turns each report into a verdict. */
@FunctionalInterface
public interface Violations {
  /**
   * Reports one violation.
   *
   * @param path the offending field, in the form {@code spec.containers[0].image}; empty for the
   *     object as a whole
   * @param message what is wrong
   */
  void add(String path, String message);

  /**
   * Records a finding that is not a violation, reported as an {@link Action#AUDIT} verdict
   * whatever the rule's mode (for example a ValidatingAdmissionPolicy's audit annotation).
   * Implementations that keep no audit record may ignore it.
   */
  default void audit(String path, String message) {}
}
