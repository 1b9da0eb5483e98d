package dev.gitops.health;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.LiveObject;
import dev.gitops.health.BuiltInChecks.GroupKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How healthy live objects are: the built-in rule of each well-known kind, a generic rule for
 * every other kind, and checks of your own. Immutable and thread-safe.
 *
 * <p>An object is assessed in this order; the first that has an opinion decides:
 *
 * <ol>
 *   <li>an object being deleted (metadata.deletionTimestamp set) is {@link HealthStatus#PROGRESSING};
 *   <li>the checks registered for its group and kind, in registration order;
 *   <li>the built-in rule for its kind (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job,
 *       CronJob, PersistentVolumeClaim, Service, Ingress, CustomResourceDefinition, Namespace,
 *       APIService, HorizontalPodAutoscaler), unless {@link Builder#withoutBuiltIns()};
 *   <li>the generic rule, as kstatus reads custom resources: status.observedGeneration behind
 *       metadata.generation is progressing; condition Stalled=True is degraded; Reconciling=True or
 *       a Ready condition that is not True is progressing; anything else, including an object
 *       without status or conditions (a ConfigMap), is healthy.
 * </ol>
 *
 * <p>A registered check that throws makes the object {@link HealthStatus#UNKNOWN}, with the
 * error in the message, rather than failing the whole assessment.
 *
 * <pre>{@code
 * HealthChecks checks = HealthChecks.builder()
 *     .check("example.com", "Database", db -> db.get("status", "phase")
 *         .map(p -> "Online".equals(p) ? Health.healthy() : Health.progressing("phase " + p)))
 *     .build();
 * Health health = checks.assess(cluster.get(key));
 * }</pre>
 */
public final class HealthChecks {
  private static final Map<GroupKind, HealthCheck> BUILT_INS = BuiltInChecks.all();
  private static final HealthChecks BUILT_IN_ONLY = new HealthChecks(Map.of(), BUILT_INS);

  private final Map<GroupKind, List<HealthCheck>> custom;
  private final Map<GroupKind, HealthCheck> builtIns;

  private HealthChecks(Map<GroupKind, List<HealthCheck>> custom, Map<GroupKind, HealthCheck> builtIns) {
    this.custom = custom;
    this.builtIns = builtIns;
  }

  /** The built-in rules and the generic rule, without checks of your own. */
  public static HealthChecks builtIns() {
    return BUILT_IN_ONLY;
  }

  /** A builder that starts from the built-in rules. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The health of an object that may not exist.
   *
   * @return {@link HealthStatus#MISSING} for an empty object, else as {@link #assess(LiveObject)}
   */
  public Health assess(Optional<LiveObject> object) {
    requireNonNull(object, "object");
    return object.map(this::assess).orElseGet(Health::missing);
  }

  /** The health of a live object. */
  public Health assess(LiveObject object) {
    requireNonNull(object, "object");
    if (object.deletionTimestamp().isPresent()) {
      List<String> finalizers = object.finalizers();
      return Health.progressing("being deleted"
          + (finalizers.isEmpty() ? "" : ", waiting for finalizers " + String.join(", ", finalizers)));
    }
    GroupKind kind = new GroupKind(object.key().group(), object.key().kind());
    for (HealthCheck check : custom.getOrDefault(kind, List.of())) {
      Optional<Health> health;
      try {
        health = check.assess(object);
      } catch (RuntimeException e) {
        return Health.unknown("health check for " + object.key() + " failed: " + e);
      }
      if (health != null && health.isPresent()) {
        return health.get();
      }
    }
    HealthCheck builtIn = builtIns.get(kind);
    if (builtIn != null) {
      Optional<Health> health = builtIn.assess(object);
      if (health.isPresent()) {
        return health.get();
      }
    }
    return BuiltInChecks.generic(object);
  }

  /** Builds {@link HealthChecks}; starts from the built-in rules. Not thread-safe. */
  public static final class Builder {
    private final Map<GroupKind, List<HealthCheck>> custom = new HashMap<>();
    private boolean builtIns = true;

    private Builder() {}

    /**
     * Adds a check for one kind, consulted before the built-in rule of that kind. When it returns
     * empty, the next check for the kind decides, then the built-in rule, then the generic rule.
     *
     * @param group the API group, empty for the core group (for example {@code apps})
     * @param kind the kind (for example {@code Deployment})
     */
    public Builder check(String group, String kind, HealthCheck check) {
      requireNonNull(group, "group");
      requireNonNull(kind, "kind");
      requireNonNull(check, "check");
      if (kind.isEmpty()) {
        throw new IllegalArgumentException("kind must not be empty (group '" + group + "')");
      }
      custom.computeIfAbsent(new GroupKind(group, kind), k -> new ArrayList<>()).add(check);
      return this;
    }

    /**
     * Drops the built-in rules per kind: only your checks and the generic conditions rule remain
     * (and the rule for objects being deleted).
     */
    public Builder withoutBuiltIns() {
      builtIns = false;
      return this;
    }

    /** The checks as configured so far. */
    public HealthChecks build() {
      Map<GroupKind, List<HealthCheck>> copy = new HashMap<>();
      custom.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new HealthChecks(Map.copyOf(copy), builtIns ? BUILT_INS : Map.of());
    }
  }
}
