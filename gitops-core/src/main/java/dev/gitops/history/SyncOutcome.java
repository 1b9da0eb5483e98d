package dev.gitops.history;

/** How a sync ended. */
public enum SyncOutcome {
  /** Every step succeeded and the objects became healthy within the timeout. */
  SUCCEEDED,
  /** Every step succeeded but the objects did not become healthy within the timeout. */
  UNHEALTHY,
  /** A step failed; later waves and the prune were skipped. */
  FAILED,
  /** The policy gate denied it; nothing was written. */
  DENIED,
  /** An automated sync was not run because the application holds after a rollback. */
  HELD,
  /** A record that is not a sync (a resume). */
  NONE
}
