package dev.gitops.health;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;

/**
 * The health of a set of objects: the worst of theirs, with each object's.
 *
 * @param status the worst status of the objects; {@link HealthStatus#HEALTHY} for no objects
 * @param objects each object's health, in the order given
 */
public record ApplicationHealth(HealthStatus status, List<ObjectHealth> objects) {
  public ApplicationHealth {
    requireNonNull(status, "status");
    objects = List.copyOf(objects);
  }

  /** The health of these objects: status is the worst of theirs. */
  public static ApplicationHealth of(Collection<ObjectHealth> objects) {
    HealthStatus worst = HealthStatus.HEALTHY;
    for (ObjectHealth o : objects) {
      worst = worst.worst(o.health().status());
    }
    return new ApplicationHealth(worst, List.copyOf(objects));
  }

  /** The objects that are neither healthy nor suspended, each with its reason. */
  public List<ObjectHealth> unhealthy() {
    return objects.stream().filter(o -> !o.health().status().isReady()).toList();
  }

  @Override
  public String toString() {
    List<ObjectHealth> bad = unhealthy();
    return bad.isEmpty() ? status.toString() : status + " " + bad;
  }
}
