package dev.gitops.diff;

/** How a live object stands against its desired state. */
public enum DiffStatus {
  /** Every compared field matches. */
  IN_SYNC,
  /** At least one compared field differs. */
  OUT_OF_SYNC,
  /** Desired, but the object does not exist. */
  MISSING,
  /** Exists and is in the inventory, but is no longer desired. */
  EXTRA
}
