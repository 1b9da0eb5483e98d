package dev.gitops.history;

/** What started a sync. */
public enum Trigger {
  /** A person or a program asked for it. */
  MANUAL,
  /** A loop synced because Git or the cluster changed. */
  AUTOMATED,
  /** A rollback to an earlier revision; automated syncs hold until the application is resumed. */
  ROLLBACK,
  /** Not a sync: automated syncs were resumed after a rollback. */
  RESUME
}
