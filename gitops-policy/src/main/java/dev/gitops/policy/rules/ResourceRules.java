package dev.gitops.policy.rules;

import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules on container resources and health checks. */
public final class ResourceRules {
  /** Rule id {@value}. */
  public static final String RESOURCES_SET = "resources-set";
  /** Rule id {@value}. */
  public static final String PROBES_SET = "probes-set";

  /** Kinds whose pods run to completion: liveness and readiness mean little there. */
  private static final Set<String> BATCH_KINDS = Set.of("Job", "CronJob");

  private ResourceRules() {}

  /** Requests and limits for CPU and memory. */
  public static Rule resourcesSet() {
    return resourcesSet(List.of("cpu", "memory"), List.of("cpu", "memory"));
  }

  /**
   * Containers and init containers set the named requests and limits (ephemeral containers
   * cannot have resources).
   *
   * @param requests resource names that must have a request, for example cpu, memory
   * @param limits resource names that must have a limit
   */
  public static Rule resourcesSet(List<String> requests, List<String> limits) {
    List<String> req = List.copyOf(requests);
    List<String> lim = List.copyOf(limits);
    return Rule.of(RESOURCES_SET, Severity.MEDIUM,
        "containers set requests (" + String.join(", ", req) + ") and limits ("
            + String.join(", ", lim) + ")",
        ContainerCheck.in(Set.of("containers", "initContainers"), (pod, c, out) -> {
          Map<String, Object> resources = Tree.map(c.spec(), "resources");
          missing(c, resources, "requests", req, out);
          missing(c, resources, "limits", lim, out);
        }));
  }

  private static void missing(PodSpecs.Container c, Map<String, Object> resources, String field,
      List<String> names, dev.gitops.policy.Violations out) {
    Map<String, Object> set = Tree.map(resources, field);
    List<String> missing = names.stream().filter(r -> !set.containsKey(r)).toList();
    if (!missing.isEmpty()) {
      out.add(c.path("resources." + field),
          c.label() + ": no " + field + " for " + String.join(", ", missing));
    }
  }

  /** Regular containers of long-running workloads (not Job or CronJob) have both probes. */
  public static Rule probesSet() {
    return Rule.of(PROBES_SET, Severity.MEDIUM,
        "containers of long-running workloads have readiness and liveness probes",
        (m, out) -> {
          if (BATCH_KINDS.contains(m.kind())) {
            return;
          }
          PodSpecs.of(m).ifPresent(pod -> pod.containers("containers").forEach(c -> {
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
              if (!(c.spec().get(probe) instanceof Map)) {
                out.add(c.path(probe), c.label() + ": no " + probe);
              }
            }
          }));
        });
  }
}
