package dev.gitops.diff;

import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link Normalizer} filling in {@link ServerDefault}s where absent, on both sides of a diff. */
final class ServerDefaults implements ScopedNormalizer {
  /** By {@code group/Kind}, then by location (in table order), the defaults there. */
  private final Map<String, Map<List<String>, List<ServerDefault>>> byKind = new HashMap<>();

  ServerDefaults(List<ServerDefault> table) {
    for (ServerDefault d : table) {
      for (String gk : d.kinds()) {
        byKind.computeIfAbsent(gk, k -> new LinkedHashMap<>())
            .computeIfAbsent(d.location(), k -> new ArrayList<>()).add(d);
      }
    }
  }

  @Override
  public void normalize(ObjectKey key, Map<String, Object> object, Filled filled) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    if (locations != null) {
      locations.forEach((location, defaults) -> visit(object, location, 0, "", defaults, filled));
    }
  }

  @Override
  public void modifiedMaps(ObjectKey key, java.util.function.Consumer<List<String>> out) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    if (locations != null) {
      locations.keySet().forEach(out);
    }
  }

  /** The defaults for objects like {@code key} at a location, in the order {@link #normalize} applies them. */
  List<ServerDefault> at(ObjectKey key, List<String> location) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    List<ServerDefault> out = locations == null ? null : locations.get(location);
    return out == null ? List.of() : out;
  }

  private static void visit(Object at, List<String> location, int i, String pointer, List<ServerDefault> defaults,
      Filled filled) {
    if (i == location.size()) {
      Map<String, Object> m = Trees.map(at);
      if (m == null) {
        return;
      }
      for (ServerDefault d : defaults) {
        if (!m.containsKey(d.field())) {
          Object v = d.value().apply(m);
          if (v != null) {
            m.put(d.field(), v);
            filled.filled(Pointers.child(pointer, d.field()), d.description());
          }
        }
      }
      return;
    }
    String step = location.get(i);
    if (step.equals("*")) {
      if (at instanceof List<?> l) {
        for (int k = 0; k < l.size(); k++) {
          visit(l.get(k), location, i + 1, Pointers.child(pointer, k), defaults, filled);
        }
      }
      return;
    }
    Map<String, Object> m = Trees.map(at);
    if (m != null && m.containsKey(step)) {
      visit(m.get(step), location, i + 1, Pointers.child(pointer, step), defaults, filled);
    }
  }

  /** The built-in table; see docs/drift.md. */
  static List<ServerDefault> builtInTable() {
    List<ServerDefault> t = new ArrayList<>();
    Set<String> templated = Set.of("apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
        "/ReplicationController", "batch/Job");
    Set<String> restartAlways = Set.of("apps/Deployment", "apps/StatefulSet", "apps/DaemonSet",
        "apps/ReplicaSet", "/ReplicationController");
    podSpec(t, templated, "spec/template/spec", restartAlways);
    podSpec(t, Set.of("batch/CronJob"), "spec/jobTemplate/spec/template/spec", Set.of());
    podSpec(t, Set.of("/Pod"), "spec", Set.of("/Pod"));

    Set<String> deployment = Set.of("apps/Deployment");
    t.add(ServerDefault.constant(deployment, "spec", "replicas", 1L));
    t.add(ServerDefault.constant(deployment, "spec", "revisionHistoryLimit", 10L));
    t.add(ServerDefault.constant(deployment, "spec", "progressDeadlineSeconds", 600L));
    t.add(ServerDefault.constant(deployment, "spec", "strategy",
        Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxSurge", "25%", "maxUnavailable", "25%"))));
    Set<String> statefulSet = Set.of("apps/StatefulSet");
    t.add(ServerDefault.constant(statefulSet, "spec", "replicas", 1L));
    t.add(ServerDefault.constant(statefulSet, "spec", "revisionHistoryLimit", 10L));
    t.add(ServerDefault.constant(statefulSet, "spec", "podManagementPolicy", "OrderedReady"));
    t.add(ServerDefault.constant(statefulSet, "spec", "updateStrategy",
        Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("partition", 0L))));
    t.add(ServerDefault.constant(statefulSet, "spec", "persistentVolumeClaimRetentionPolicy",
        Map.of("whenDeleted", "Retain", "whenScaled", "Retain")));
    // Claim templates are an atomic list: compared whole, so their defaults must be on both sides.
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*", "apiVersion", "v1"));
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*", "kind", "PersistentVolumeClaim"));
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*/spec", "volumeMode", "Filesystem"));
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*", "status", Map.of("phase", "Pending")));
    Set<String> daemonSet = Set.of("apps/DaemonSet");
    t.add(ServerDefault.constant(daemonSet, "spec", "revisionHistoryLimit", 10L));
    t.add(ServerDefault.constant(daemonSet, "spec", "updateStrategy",
        Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxSurge", 0L, "maxUnavailable", 1L))));
    Set<String> job = Set.of("batch/Job");
    t.add(ServerDefault.constant(job, "spec", "backoffLimit", 6L));
    t.add(ServerDefault.constant(job, "spec", "completionMode", "NonIndexed"));
    t.add(ServerDefault.constant(job, "spec", "suspend", false));
    Set<String> cronJob = Set.of("batch/CronJob");
    t.add(ServerDefault.constant(cronJob, "spec", "concurrencyPolicy", "Allow"));
    t.add(ServerDefault.constant(cronJob, "spec", "successfulJobsHistoryLimit", 3L));
    t.add(ServerDefault.constant(cronJob, "spec", "failedJobsHistoryLimit", 1L));
    t.add(ServerDefault.constant(cronJob, "spec", "suspend", false));

    Set<String> service = Set.of("/Service");
    t.add(ServerDefault.constant(service, "spec", "type", "ClusterIP"));
    t.add(ServerDefault.constant(service, "spec", "sessionAffinity", "None"));
    t.add(ServerDefault.constant(service, "spec/ports/*", "protocol", "TCP"));
    t.add(ServerDefault.computed(service, "spec/ports/*", "targetPort", m -> m.get("port"),
        "API server default targetPort: the port"));

    // NetworkPolicy rules are atomic lists, compared whole: the port protocol default must be on both sides.
    Set<String> networkPolicy = Set.of("networking.k8s.io/NetworkPolicy");
    t.add(ServerDefault.constant(networkPolicy, "spec/ingress/*/ports/*", "protocol", "TCP"));
    t.add(ServerDefault.constant(networkPolicy, "spec/egress/*/ports/*", "protocol", "TCP"));
    t.add(ServerDefault.computed(networkPolicy, "spec", "policyTypes",
        m -> m.get("egress") instanceof List<?> l && !l.isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress"),
        "API server default policyTypes: Ingress, and Egress when egress rules are given"));
    return List.copyOf(t);
  }

  private static void podSpec(List<ServerDefault> t, Set<String> kinds, String spec, Set<String> restartAlways) {
    Set<String> always = new java.util.HashSet<>(kinds);
    always.retainAll(restartAlways);
    if (!always.isEmpty()) {
      t.add(ServerDefault.constant(always, spec, "restartPolicy", "Always"));
    }
    t.add(ServerDefault.constant(kinds, spec, "dnsPolicy", "ClusterFirst"));
    t.add(ServerDefault.constant(kinds, spec, "schedulerName", "default-scheduler"));
    t.add(ServerDefault.constant(kinds, spec, "securityContext", Map.of()));
    t.add(ServerDefault.constant(kinds, spec, "terminationGracePeriodSeconds", 30L));
    t.add(ServerDefault.constant(kinds, spec + "/volumes/*/downwardAPI/items/*/fieldRef", "apiVersion", "v1"));
    t.add(ServerDefault.constant(kinds, spec + "/volumes/*/projected/sources/*/downwardAPI/items/*/fieldRef",
        "apiVersion", "v1"));
    for (String list : List.of("containers", "initContainers")) {
      String c = spec + "/" + list + "/*";
      t.add(ServerDefault.constant(kinds, c, "terminationMessagePath", "/dev/termination-log"));
      t.add(ServerDefault.constant(kinds, c, "terminationMessagePolicy", "File"));
      t.add(ServerDefault.constant(kinds, c, "resources", Map.of()));
      t.add(ServerDefault.computed(kinds, c, "imagePullPolicy", ServerDefaults::pullPolicy,
          "API server default imagePullPolicy: Always for :latest or untagged images, else IfNotPresent"));
      t.add(ServerDefault.constant(kinds, c + "/ports/*", "protocol", "TCP"));
      // A map compared whole (granular map): the server fills apiVersion in the field selector.
      t.add(ServerDefault.constant(kinds, c + "/env/*/valueFrom/fieldRef", "apiVersion", "v1"));
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        String p = c + "/" + probe;
        t.add(ServerDefault.constant(kinds, p, "timeoutSeconds", 1L));
        t.add(ServerDefault.constant(kinds, p, "periodSeconds", 10L));
        t.add(ServerDefault.constant(kinds, p, "successThreshold", 1L));
        t.add(ServerDefault.constant(kinds, p, "failureThreshold", 3L));
        t.add(ServerDefault.constant(kinds, p + "/httpGet", "scheme", "HTTP"));
      }
    }
  }

  private static Object pullPolicy(Map<String, Object> container) {
    if (!(container.get("image") instanceof String image)) {
      return null;
    }
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > slash;
    return !tagged || image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }
}
