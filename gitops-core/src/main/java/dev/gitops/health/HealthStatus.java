package dev.gitops.health;

/**
 * How healthy an object is. Declared from best to worst: {@link #worst} of several is the one
 * declared last, so an application is as healthy as its least healthy object.
 */
public enum HealthStatus {
  /** Running as declared. */
  HEALTHY,
  /** Paused on purpose (a suspended CronJob, a paused rollout). */
  SUSPENDED,
  /** Not there yet, and nothing says it will not get there (rolling out, waiting for a load balancer). */
  PROGRESSING,
  /** No assessment is possible: a status no rule can read (a Pod without a phase), or a check that failed. */
  UNKNOWN,
  /** The object does not exist. */
  MISSING,
  /** Failed, or stalled past its deadline. */
  DEGRADED;

  /** The worse of two statuses. */
  public HealthStatus worst(HealthStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** Whether waiting for health can end with this status: healthy or suspended. */
  public boolean isReady() {
    return this == HEALTHY || this == SUSPENDED;
  }
}
