package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a kube-apiserver of the pinned version does to built-in objects before it stores them, as
 * data: the defaults it fills in ({@link #table()}) and the values it does not keep
 * ({@link #dropOmitted}): built-in kinds go through protobuf in storage, so an empty list, an empty
 * map of a Go map field and {@code null} come back absent, and so does a zero ({@code false},
 * {@code 0}, {@code ""}) of a field whose Go type is not a pointer and is tagged {@code omitempty}.
 *
 * <p>One table for both users: the in-memory cluster stores built-in objects in this form, and the
 * differ normalizes both sides of a diff with it, so that a manifest declaring {@code env: []} or
 * {@code readOnly: false} is in sync with what a real server stored. The facts are checked against
 * a real kube-apiserver by the heavy suite's differential test; docs/drift.md lists them and what
 * is not modelled.
 */
public final class BuiltInDefaults {
  /** API groups of built-in kinds: stored as protobuf, defaulted by the server's Go code. */
  private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
      "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
      "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io", "admissionregistration.k8s.io",
      "certificates.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io");

  /** Fields whose Go type is a map: empty is the same as absent. */
  private static final Set<String> GO_MAPS = Set.of("labels", "annotations", "data", "binaryData", "stringData",
      "matchLabels", "nodeSelector", "limits", "requests", "hard", "parameters", "capacity", "allocatable",
      "default", "defaultRequest", "max", "min", "maxLimitRequestRatio", "overhead");

  /**
   * Non-pointer {@code omitempty} scalars, by the field holding their map (or the list of such maps)
   * and their own name: their zero is not stored.
   */
  private static final Map<String, Set<String>> ZERO_OMITTED = Map.ofEntries(
      Map.entry("spec", Set.of("hostNetwork", "hostPID", "hostIPC", "nodeName", "hostname", "subdomain",
          "priorityClassName", "serviceAccountName", "serviceAccount", "paused", "minReadySeconds",
          "publishNotReadyAddresses", "externalName", "loadBalancerIP")),
      Map.entry("containers", Set.of("stdin", "stdinOnce", "tty", "workingDir")),
      Map.entry("initContainers", Set.of("stdin", "stdinOnce", "tty", "workingDir")),
      Map.entry("volumeMounts", Set.of("readOnly", "subPath", "subPathExpr")),
      Map.entry("ports", Set.of("hostPort", "hostIP", "nodePort")),
      Map.entry("env", Set.of("value")),
      Map.entry("livenessProbe", Set.of("initialDelaySeconds")),
      Map.entry("readinessProbe", Set.of("initialDelaySeconds")),
      Map.entry("startupProbe", Set.of("initialDelaySeconds")),
      Map.entry("httpGet", Set.of("path", "host")),
      Map.entry("persistentVolumeClaim", Set.of("readOnly")),
      Map.entry("emptyDir", Set.of("medium")),
      Map.entry("secret", Set.of("secretName")));

  /** Service and ReplicationController: {@code spec.selector} is a Go map (elsewhere a label selector). */
  private static final Set<String> MAP_SELECTOR_KINDS = Set.of("/Service", "/ReplicationController");

  /** Lists without {@code omitempty}: empty or absent, the server returns {@code null}. */
  private static final Set<String> NULL_WHEN_EMPTY = Set.of("rbac.authorization.k8s.io/Role",
      "rbac.authorization.k8s.io/ClusterRole");

  private static final List<ServerDefault> TABLE = buildTable();
  private static final Map<KeyDefaultsKey, KeyDefaults> KEY_DEFAULTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@link #KEY_DEFAULTS}' key: asked per map of every diffed object, so no string is built for it. */
  private record KeyDefaultsKey(int schema, String group, String kind) {}
  private static final Map<String, Map<List<String>, List<ServerDefault>>> BY_KIND =
      new java.util.concurrent.ConcurrentHashMap<>();

  private BuiltInDefaults() {}

  /** Whether objects of this group are built-in kinds, which these facts are about. */
  public static boolean isBuiltIn(String group) {
    return BUILT_IN_GROUPS.contains(group);
  }

  /** The defaults a kube-apiserver fills into built-in kinds (documented in docs/drift.md). */
  public static List<ServerDefault> table() {
    return TABLE;
  }

  /**
   * Removes, in place, what the server would not store of a built-in object: {@code null}s, empty
   * lists, empty Go maps and the zeros of non-pointer {@code omitempty} fields. A no-op for other
   * groups; removes nothing (and so never writes) where nothing is to be removed.
   *
   * @return whether anything was removed
   */
  public static boolean dropOmitted(String group, String kind, Map<String, Object> object) {
    requireNonNull(object, "object");
    if (!isBuiltIn(group)) {
      return false;
    }
    boolean mapSelector = MAP_SELECTOR_KINDS.contains(group + "/" + kind);
    return drop(object, "", mapSelector, 0);
  }

  /**
   * What {@link #dropOmitted} removes, asked field by field without changing anything: for a
   * reader that walks an object once and treats omitted fields as absent.
   */
  public interface OmittedFields {
    /**
     * Whether {@link #dropOmitted} removes a field, a {@code null}, an empty list, a Go map left
     * empty once its own omitted fields are removed, or an omitted zero.
     *
     * @param holder the field holding the map the field is in ({@code ""} for the root; for a list
     *     item, the list's field)
     * @param depth the depth of the map the field is in, the root 0
     */
    boolean omits(String holder, int depth, String field, @Nullable Object value);
  }

  /** {@link OmittedFields} of objects of a kind; nothing is omitted in kinds not built in. */
  public static OmittedFields omittedFields(String group, String kind) {
    if (!isBuiltIn(group)) {
      return (holder, depth, field, value) -> false;
    }
    boolean mapSelector = MAP_SELECTOR_KINDS.contains(group + "/" + kind);
    return new Omissions(mapSelector);
  }

  /** {@link OmittedFields} as {@link Dropper} decides: the two must agree. */
  private record Omissions(boolean mapSelector) implements OmittedFields {
    @Override
    public boolean omits(String holder, int depth, String field, @Nullable Object value) {
      if (value instanceof Map<?, ?> child) {
        return goMap(mapSelector, holder, depth, field) && emptied(child, field, depth + 1);
      }
      if (value instanceof List<?> list) {
        return list.isEmpty();
      }
      return value == null || isZero(value) && ZERO_OMITTED.getOrDefault(holder, Set.of()).contains(field);
    }

    private boolean emptied(Map<?, ?> map, String holder, int depth) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!omits(holder, depth, String.valueOf(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  /** Whether a map-valued field is a Go map, whose emptiness the server does not store. */
  private static boolean goMap(boolean mapSelector, String holder, int depth, String field) {
    return GO_MAPS.contains(field) || mapSelector && depth == 1 && field.equals("selector") && holder.equals("spec");
  }

  /**
   * Puts a built-in object into the form the server stores: {@link #dropOmitted} and then the
   * defaults of {@link #table()} filled in where absent. Used by the in-memory cluster.
   */
  static void toStoredForm(String group, String kind, Map<String, Object> object) {
    dropOmitted(group, kind, object);
    fillAll(object, BY_KIND.computeIfAbsent(group + "/" + kind, gk -> byLocation(TABLE, gk)), null);
    if (NULL_WHEN_EMPTY.contains(group + "/" + kind) && !object.containsKey("rules")) {
      object.put("rules", null);
    }
  }

  /**
   * The defaults of map-list key fields (a port's {@code protocol}) of the list at {@code path}
   * (field names only): structured merge keys an item without the field by its default, so that
   * {@code {containerPort: 80}} and the stored {@code {containerPort: 80, protocol: TCP}} are one item.
   */
  static Map<String, Object> keyDefaults(SchemaTable schema, String group, String kind, List<String> path) {
    KeyDefaults k = keyDefaultsByPath(schema, group, kind);
    for (int i = 0; i < k.paths.length; i++) {
      if (k.paths[i].length == path.size() && startsWith(k.paths[i], path)) {
        return k.defaults.get(i);
      }
    }
    return Map.of();
  }

  /**
   * {@link #keyDefaults} of a kind, by path: the few paths in an array, compared element by
   * element, since a path is looked up per map of every diffed object and a hash map's lookup
   * compared lists with an iterator each.
   */
  private static final class KeyDefaults {
    final String[][] paths;
    final List<Map<String, Object>> defaults;

    KeyDefaults(Map<List<String>, Map<String, Object>> byPath) {
      paths = new String[byPath.size()][];
      defaults = new ArrayList<>(byPath.size());
      int i = 0;
      for (Map.Entry<List<String>, Map<String, Object>> e : byPath.entrySet()) {
        paths[i++] = e.getKey().toArray(new String[0]);
        defaults.add(e.getValue());
      }
    }
  }

  private static KeyDefaults keyDefaultsByPath(SchemaTable schema, String group, String kind) {
    LastKeyDefaults last = lastKeyDefaults;
    if (last != null && last.schema() == schema && last.kind().equals(kind) && last.group().equals(group)) {
      return last.byPath();
    }
    KeyDefaultsKey cacheKey = cacheKey(schema, group, kind);
    KeyDefaults byPath = KEY_DEFAULTS.computeIfAbsent(cacheKey, ck -> {
      String gk = group + "/" + kind;
      Map<List<String>, Map<String, Object>> out = new java.util.HashMap<>();
      for (ServerDefault d : TABLE) {
        if (d.kinds().contains(gk) && d.constantValue() != null) {
          List<String> listPath = d.location().stream().filter(step -> !step.equals("*")).toList();
          ListType type = schema.listType(group, kind, listPath);
          if (type.kind() == ListType.Kind.MAP && type.keys().contains(d.field())) {
            out.computeIfAbsent(listPath, k -> new LinkedHashMap<>()).put(d.field(), d.constantValue());
          }
        }
      }
      return new KeyDefaults(out);
    });
    lastKeyDefaults = new LastKeyDefaults(schema, group, kind, byPath);
    return byPath;
  }

  /** The kind {@link #keyDefaults} answered last: asked per map of an object, mostly for one kind in a row. */
  private record LastKeyDefaults(SchemaTable schema, String group, String kind, KeyDefaults byPath) {}

  private static volatile LastKeyDefaults lastKeyDefaults;

  private static KeyDefaultsKey cacheKey(SchemaTable schema, String group, String kind) {
    return new KeyDefaultsKey(System.identityHashCode(schema), group, kind);
  }

  /** Whether {@link #keyDefaults} has anything at {@code path} or below it. */
  static boolean hasKeyDefaultsBelow(SchemaTable schema, String group, String kind, List<String> path) {
    for (String[] at : keyDefaultsByPath(schema, group, kind).paths) {
      if (at.length >= path.size() && startsWith(at, path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(String[] path, List<String> prefix) {
    for (int i = 0, n = prefix.size(); i < n; i++) {
      if (!path[i].equals(prefix.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@link #keyDefaults} has anything for the kind. */
  static boolean hasKeyDefaults(SchemaTable schema, String group, String kind) {
    return keyDefaultsByPath(schema, group, kind).paths.length > 0;
  }

  /** Told about each default filled in. */
  @FunctionalInterface
  public interface Filled {
    /**
     * @param path from the object root: field names ({@link String}) and list indexes ({@link Integer})
     * @param fact the default that was applied
     */
    void filled(List<Object> path, ServerDefault fact);
  }

  /** The defaults of one kind, by location in table order. */
  private static Map<List<String>, List<ServerDefault>> byLocation(List<ServerDefault> table, String gk) {
    Map<List<String>, List<ServerDefault>> out = new LinkedHashMap<>();
    for (ServerDefault d : table) {
      if (d.kinds().contains(gk)) {
        out.computeIfAbsent(d.location(), k -> new ArrayList<>()).add(d);
      }
    }
    return out;
  }

  /**
   * {@link #fillAt} for each location of {@code byLocation} in its order: the defaults of a kind, as
   * a normalizer applies them to every object.
   */
  public static void fillAll(Map<String, Object> object, Map<List<String>, List<ServerDefault>> byLocation,
      @Nullable Filled filled) {
    // One path for all locations: a list per location was a noticeable part of a diff's garbage.
    List<Object> path = new ArrayList<>(8);
    for (Map.Entry<List<String>, List<ServerDefault>> e : byLocation.entrySet()) {
      visit(object, e.getKey(), 0, path, e.getValue(), filled);
    }
  }

  /** Fills {@code defaults}, which share {@code location}, into every map it reaches. */
  public static void fillAt(Map<String, Object> object, List<String> location, List<ServerDefault> defaults,
      @Nullable Filled filled) {
    visit(object, location, 0, new ArrayList<>(location.size() + 1), defaults, filled);
  }

  @SuppressWarnings("unchecked")
  private static void visit(Object at, List<String> location, int i, List<Object> path,
      List<ServerDefault> defaults, Filled filled) {
    if (i == location.size()) {
      if (!(at instanceof Map<?, ?> raw)) {
        return;
      }
      Map<String, Object> m = (Map<String, Object>) raw;
      for (ServerDefault d : defaults) {
        if (!m.containsKey(d.field())) {
          Object v = d.value().apply(m);
          if (v != null) {
            m.put(d.field(), v);
            if (filled != null) {
              path.add(d.field());
              filled.filled(List.copyOf(path), d);
              path.remove(path.size() - 1);
            }
          }
        }
      }
      return;
    }
    String step = location.get(i);
    if (step.equals("*")) {
      if (at instanceof List<?> l) {
        for (int k = 0; k < l.size(); k++) {
          path.add(k);
          visit(l.get(k), location, i + 1, path, defaults, filled);
          path.remove(path.size() - 1);
        }
      }
      return;
    }
    if (at instanceof Map<?, ?> m && m.get(step) != null) {
      path.add(step);
      visit(m.get(step), location, i + 1, path, defaults, filled);
      path.remove(path.size() - 1);
    }
  }

  private static boolean drop(Map<String, Object> map, String holder, boolean mapSelector, int depth) {
    return new Dropper(mapSelector).drop(map, holder, depth);
  }

  /**
   * {@link #dropOmitted}'s walk: one visitor for the whole object, and fields removed after each
   * map is walked, since an iterator per map was much of a diff's garbage and most maps have
   * nothing to remove.
   */
  private static final class Dropper implements java.util.function.BiConsumer<String, Object> {
    private final boolean mapSelector;
    private String holder;
    private int depth;
    private Set<String> zeros;
    /** The fields to remove from the map being walked; null for none so far. */
    private List<String> doomed;
    private boolean removed;

    Dropper(boolean mapSelector) {
      this.mapSelector = mapSelector;
    }

    boolean drop(Map<String, Object> map, String holder, int depth) {
      String outerHolder = this.holder;
      int outerDepth = this.depth;
      Set<String> outerZeros = this.zeros;
      List<String> outerDoomed = this.doomed;
      this.holder = holder;
      this.depth = depth;
      this.zeros = ZERO_OMITTED.getOrDefault(holder, Set.of());
      this.doomed = null;
      map.forEach(this);
      if (doomed != null) {
        for (String field : doomed) {
          map.remove(field);
        }
        removed = true;
      }
      this.holder = outerHolder;
      this.depth = outerDepth;
      this.zeros = outerZeros;
      this.doomed = outerDoomed;
      return removed;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void accept(String field, Object v) {
      if (v instanceof Map<?, ?> child) {
        if (!child.isEmpty()) {
          drop((Map<String, Object>) child, field, depth + 1);
        }
        if (child.isEmpty() && goMap(mapSelector, holder, depth, field)) {
          doom(field);
        }
      } else if (v instanceof List<?> list) {
        for (int i = 0, n = list.size(); i < n; i++) {
          if (list.get(i) instanceof Map<?, ?> m && !m.isEmpty()) {
            drop((Map<String, Object>) m, field, depth + 1);
          }
        }
        if (list.isEmpty()) {
          doom(field);
        }
      } else if (v == null || (zeros.contains(field) && isZero(v))) {
        doom(field);
      }
    }

    private void doom(String field) {
      if (doomed == null) {
        doomed = new ArrayList<>(2);
      }
      doomed.add(field);
    }
  }

  private static boolean isZero(Object v) {
    return Boolean.FALSE.equals(v) || "".equals(v) || (v instanceof Number n && n.doubleValue() == 0);
  }

  private static List<ServerDefault> buildTable() {
    List<ServerDefault> t = new ArrayList<>();
    Set<String> templated = Set.of("apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
        "/ReplicationController", "batch/Job");
    Set<String> restartAlways = Set.of("apps/Deployment", "apps/StatefulSet", "apps/DaemonSet",
        "apps/ReplicaSet", "/ReplicationController");
    podSpec(t, templated, "spec/template/spec", restartAlways);
    podSpec(t, Set.of("batch/CronJob"), "spec/jobTemplate/spec/template/spec", Set.of());
    podSpec(t, Set.of("/Pod"), "spec", Set.of("/Pod"));
    Set<String> pod = Set.of("/Pod");
    t.add(ServerDefault.constant(pod, "spec", "enableServiceLinks", true));
    // From the Priority admission plugin, without a priority class.
    t.add(ServerDefault.computed(pod, "spec", "priority", m -> m.containsKey("priorityClassName") ? null : 0L,
        "API server default priority: 0 without a priority class"));
    t.add(ServerDefault.computed(pod, "spec", "preemptionPolicy",
        m -> m.containsKey("priorityClassName") ? null : "PreemptLowerPriority",
        "API server default preemptionPolicy: PreemptLowerPriority without a priority class"));

    Set<String> deployment = Set.of("apps/Deployment");
    t.add(ServerDefault.constant(deployment, "spec", "replicas", 1L));
    t.add(ServerDefault.constant(deployment, "spec", "revisionHistoryLimit", 10L));
    t.add(ServerDefault.constant(deployment, "spec", "progressDeadlineSeconds", 600L));
    strategy(t, deployment, "spec", "strategy", Map.of("maxSurge", "25%", "maxUnavailable", "25%"));
    Set<String> statefulSet = Set.of("apps/StatefulSet");
    t.add(ServerDefault.constant(statefulSet, "spec", "replicas", 1L));
    t.add(ServerDefault.constant(statefulSet, "spec", "revisionHistoryLimit", 10L));
    t.add(ServerDefault.constant(statefulSet, "spec", "podManagementPolicy", "OrderedReady"));
    strategy(t, statefulSet, "spec", "updateStrategy", Map.of("partition", 0L, "maxUnavailable", 1L));
    t.add(ServerDefault.constant(statefulSet, "spec", "persistentVolumeClaimRetentionPolicy",
        Map.of("whenDeleted", "Retain", "whenScaled", "Retain")));
    // Claim templates are an atomic list: compared whole, so their defaults must be on both sides.
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*", "apiVersion", "v1"));
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*", "kind", "PersistentVolumeClaim"));
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*/spec", "volumeMode", "Filesystem"));
    t.add(ServerDefault.constant(statefulSet, "spec/volumeClaimTemplates/*", "status", Map.of("phase", "Pending")));
    Set<String> daemonSet = Set.of("apps/DaemonSet");
    t.add(ServerDefault.constant(daemonSet, "spec", "revisionHistoryLimit", 10L));
    strategy(t, daemonSet, "spec", "updateStrategy", Map.of("maxSurge", 0L, "maxUnavailable", 1L));
    Set<String> job = Set.of("batch/Job");
    jobSpec(t, job, "spec");
    Set<String> cronJob = Set.of("batch/CronJob");
    t.add(ServerDefault.constant(cronJob, "spec", "concurrencyPolicy", "Allow"));
    t.add(ServerDefault.constant(cronJob, "spec", "successfulJobsHistoryLimit", 3L));
    t.add(ServerDefault.constant(cronJob, "spec", "failedJobsHistoryLimit", 1L));
    t.add(ServerDefault.constant(cronJob, "spec", "suspend", false));
    // Object metadata is a Go struct, not a pointer: present, if empty, once a template is stored.
    t.add(ServerDefault.constant(cronJob, "spec/jobTemplate", "metadata", Map.of()));
    t.add(ServerDefault.constant(cronJob, "spec/jobTemplate/spec/template", "metadata", Map.of()));

    Set<String> service = Set.of("/Service");
    t.add(ServerDefault.constant(service, "spec", "type", "ClusterIP"));
    t.add(ServerDefault.constant(service, "spec", "sessionAffinity", "None"));
    t.add(ServerDefault.computed(service, "spec", "internalTrafficPolicy",
        m -> "ExternalName".equals(m.get("type")) ? null : "Cluster",
        "API server default internalTrafficPolicy: Cluster, but for ExternalName services"));
    t.add(ServerDefault.computed(service, "spec", "externalTrafficPolicy",
        m -> "NodePort".equals(m.get("type")) || "LoadBalancer".equals(m.get("type")) ? "Cluster" : null,
        "API server default externalTrafficPolicy: Cluster for NodePort and LoadBalancer services"));
    t.add(ServerDefault.constant(service, "spec/ports/*", "protocol", "TCP"));
    t.add(ServerDefault.computed(service, "spec/ports/*", "targetPort", m -> m.get("port"),
        "API server default targetPort: the port"));
    t.add(ServerDefault.constant(Set.of("/Secret"), "", "type", "Opaque"));
    t.add(ServerDefault.constant(Set.of("/PersistentVolumeClaim"), "spec", "volumeMode", "Filesystem"));

    // NetworkPolicy rules are atomic lists, compared whole: the port protocol default must be on both sides.
    Set<String> networkPolicy = Set.of("networking.k8s.io/NetworkPolicy");
    t.add(ServerDefault.constant(networkPolicy, "spec/ingress/*/ports/*", "protocol", "TCP"));
    t.add(ServerDefault.constant(networkPolicy, "spec/egress/*/ports/*", "protocol", "TCP"));
    t.add(ServerDefault.computed(networkPolicy, "spec", "policyTypes",
        m -> m.get("egress") instanceof List<?> l && !l.isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress"),
        "API server default policyTypes: Ingress, and Egress when egress rules are given"));

    Set<String> hpa = Set.of("autoscaling/HorizontalPodAutoscaler");
    t.add(ServerDefault.constant(hpa, "spec", "minReplicas", 1L));
    t.add(ServerDefault.constant(hpa, "spec", "metrics", List.of(Map.of("type", "Resource", "resource",
        Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 80L))))));
    t.add(ServerDefault.constant(Set.of("scheduling.k8s.io/PriorityClass"), "", "preemptionPolicy",
        "PreemptLowerPriority"));
    Set<String> storageClass = Set.of("storage.k8s.io/StorageClass");
    t.add(ServerDefault.constant(storageClass, "", "reclaimPolicy", "Delete"));
    t.add(ServerDefault.constant(storageClass, "", "volumeBindingMode", "Immediate"));
    return List.copyOf(t);
  }

  /** A rollout strategy: type RollingUpdate unless given, and its parameters' defaults for that type. */
  private static void strategy(List<ServerDefault> t, Set<String> kinds, String at, String field,
      Map<String, Object> rolling) {
    t.add(ServerDefault.constant(kinds, at, field, Map.of()));
    String s = at + "/" + field;
    t.add(ServerDefault.constant(kinds, s, "type", "RollingUpdate"));
    t.add(ServerDefault.computed(kinds, s, "rollingUpdate", m -> "RollingUpdate".equals(m.get("type")) ? new LinkedHashMap<String, Object>() : null,
        "API server default rollingUpdate: for type RollingUpdate"));
    rolling.forEach((k, v) -> t.add(ServerDefault.constant(kinds, s + "/rollingUpdate", k, v)));
  }

  private static void jobSpec(List<ServerDefault> t, Set<String> kinds, String spec) {
    t.add(ServerDefault.computed(kinds, spec, "completions", m -> m.containsKey("parallelism") ? null : 1L,
        "API server default completions: 1 when neither completions nor parallelism is given"));
    t.add(ServerDefault.constant(kinds, spec, "parallelism", 1L));
    t.add(ServerDefault.constant(kinds, spec, "backoffLimit", 6L));
    t.add(ServerDefault.constant(kinds, spec, "completionMode", "NonIndexed"));
    t.add(ServerDefault.constant(kinds, spec, "suspend", false));
    t.add(ServerDefault.computed(kinds, spec, "podReplacementPolicy",
        m -> m.containsKey("podFailurePolicy") ? "Failed" : "TerminatingOrFailed",
        "API server default podReplacementPolicy: TerminatingOrFailed, Failed with a pod failure policy"));
  }

  private static void podSpec(List<ServerDefault> t, Set<String> kinds, String spec, Set<String> restartAlways) {
    Set<String> always = new HashSet<>(kinds);
    always.retainAll(restartAlways);
    if (!always.isEmpty()) {
      t.add(ServerDefault.constant(always, spec, "restartPolicy", "Always"));
    }
    t.add(ServerDefault.constant(kinds, spec, "dnsPolicy", "ClusterFirst"));
    t.add(ServerDefault.constant(kinds, spec, "schedulerName", "default-scheduler"));
    t.add(ServerDefault.constant(kinds, spec, "securityContext", Map.of()));
    t.add(ServerDefault.constant(kinds, spec, "terminationGracePeriodSeconds", 30L));
    t.add(ServerDefault.computed(kinds, spec, "serviceAccount", m -> m.get("serviceAccountName"),
        "API server default serviceAccount (deprecated): the serviceAccountName"));
    String volume = spec + "/volumes/*";
    for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
      t.add(ServerDefault.constant(kinds, volume + "/" + source, "defaultMode", 420L));
    }
    t.add(ServerDefault.constant(kinds, volume + "/hostPath", "type", ""));
    t.add(ServerDefault.constant(kinds, volume + "/downwardAPI/items/*/fieldRef", "apiVersion", "v1"));
    t.add(ServerDefault.constant(kinds, volume + "/projected/sources/*/downwardAPI/items/*/fieldRef",
        "apiVersion", "v1"));
    t.add(ServerDefault.constant(kinds, volume + "/projected/sources/*/serviceAccountToken", "expirationSeconds",
        3600L));
    for (String list : List.of("containers", "initContainers")) {
      String c = spec + "/" + list + "/*";
      t.add(ServerDefault.constant(kinds, c, "terminationMessagePath", "/dev/termination-log"));
      t.add(ServerDefault.constant(kinds, c, "terminationMessagePolicy", "File"));
      t.add(ServerDefault.constant(kinds, c, "resources", Map.of()));
      t.add(ServerDefault.computed(kinds, c, "imagePullPolicy", BuiltInDefaults::pullPolicy,
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
        t.add(ServerDefault.constant(kinds, p + "/grpc", "service", ""));
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
    // The tag after the last colon is "latest": no substring made per container.
    return !tagged || image.endsWith(":latest") ? "Always" : "IfNotPresent";
  }
}
