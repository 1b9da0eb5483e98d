package dev.gitops.health;

import static java.util.Objects.requireNonNull;

/**
 * The health of one object: a status and why.
 *
 * @param status how healthy the object is
 * @param message why, in a few words (for example {@code 1 of 3 replicas available}); empty when
 *     healthy
 */
public record Health(HealthStatus status, String message) {
  public Health {
    requireNonNull(status, "status");
    requireNonNull(message, "message");
  }

  public static Health healthy() {
    return new Health(HealthStatus.HEALTHY, "");
  }

  public static Health healthy(String message) {
    return new Health(HealthStatus.HEALTHY, message);
  }

  public static Health progressing(String message) {
    return new Health(HealthStatus.PROGRESSING, message);
  }

  public static Health degraded(String message) {
    return new Health(HealthStatus.DEGRADED, message);
  }

  public static Health suspended(String message) {
    return new Health(HealthStatus.SUSPENDED, message);
  }

  public static Health missing() {
    return new Health(HealthStatus.MISSING, "object does not exist");
  }

  public static Health unknown(String message) {
    return new Health(HealthStatus.UNKNOWN, message);
  }

  @Override
  public String toString() {
    return message.isEmpty() ? status.toString() : status + " (" + message + ")";
  }
}
