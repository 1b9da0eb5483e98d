package dev.gitops.cluster;

/** What a delete did. */
public enum DeleteResult {
  /** The object is gone. */
  DELETED,
  /** The object is marked for deletion and waits for its finalizers. */
  PENDING_FINALIZERS,
  /** There was no such object. */
  NOT_FOUND
}
