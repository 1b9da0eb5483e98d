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
}
