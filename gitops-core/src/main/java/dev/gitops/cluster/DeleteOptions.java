package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

/**
 * Options of one delete. Start from {@link #defaults()}.
 *
 * @param propagation what happens to dependents
 * @param dryRun check without deleting
 */
public record DeleteOptions(Propagation propagation, boolean dryRun) {

  /** Kubernetes' propagation policies. */
  public enum Propagation {
    /** Delete the object now; the garbage collector removes dependents afterwards. */
    BACKGROUND,
    /** Keep the object (with a foregroundDeletion finalizer) until dependents are gone. */
    FOREGROUND,
    /** Leave dependents without an owner. */
    ORPHAN
  }

  public DeleteOptions {
    requireNonNull(propagation, "propagation");
  }

  /** Background propagation, not a dry run. */
  public static DeleteOptions defaults() {
    return new DeleteOptions(Propagation.BACKGROUND, false);
  }

  public DeleteOptions withPropagation(Propagation value) {
    return new DeleteOptions(value, dryRun);
  }

  public DeleteOptions withDryRun(boolean value) {
    return new DeleteOptions(propagation, value);
  }
}
