package dev.gitops.health;

import dev.gitops.cluster.LiveObject;
import java.util.Optional;

/**
 * The health of objects of one kind: the extension point for a kind's own check (a custom
 * resource whose status does not follow the usual conditions, or an override of a built-in rule).
 * Register it with {@link HealthChecks.Builder#check(String, String, HealthCheck)}.
 */
@FunctionalInterface
public interface HealthCheck {
  /**
   * Assesses one live object.
   *
   * @return the health, or empty when this check has no opinion (the next check, or the generic
   *     conditions rule, decides)
   */
  Optional<Health> assess(LiveObject object);
}
