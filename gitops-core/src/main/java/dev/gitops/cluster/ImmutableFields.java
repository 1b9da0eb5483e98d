package dev.gitops.cluster;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The update validation of built-in kinds that refuses changes to fields fixed at creation, with
 * the API server's field names, cause types and messages. It runs on the merged object, as the
 * server validates the result of an apply. Package-private.
 */
final class ImmutableFields {
  private static final String IMMUTABLE = "field is immutable";
  private static final String IMMUTABLE_WHEN_SET = "Forbidden: field is immutable when `immutable` is set";
  /** StatefulSet spec fields an update may change; each other one is immutable on its own. */
  private static final Set<String> STATEFULSET_MUTABLE = Set.of(
      "replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit",
      "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
  static final String PVC_MESSAGE = "Forbidden: spec is immutable after creation except resources.requests"
      + " and volumeAttributesClassName for bound claims";

  private ImmutableFields() {}

  /** The refused changes from {@code live} to {@code next}; empty when the update is allowed. */
  static List<FieldCause> check(ObjectKey key, Map<String, ?> live, Map<String, ?> next) {
    List<FieldCause> out = new ArrayList<>();
    switch (key.group() + "/" + key.kind()) {
      case "batch/Job" -> {
        fixed(live, next, out, "spec", "selector");
        fixed(live, next, out, "spec", "template");
      }
      case "apps/Deployment", "apps/ReplicaSet", "apps/DaemonSet" -> fixed(live, next, out, "spec", "selector");
      case "apps/StatefulSet" -> statefulSet(live, next, out);
      case "/Service" -> clusterIps(live, next, out);
      case "/PersistentVolumeClaim" -> claim(live, next, out);
      case "/ConfigMap" -> immutableData(live, next, out, "data", "binaryData");
      case "/Secret" -> {
        immutableData(live, next, out, "data", "stringData");
        Object type = next.get("type");
        if (live.get("type") != null && !Objects.equals(live.get("type"), type)) {
          out.add(new FieldCause("type", invalid(type)));
        }
      }
      default -> { }
    }
    return out;
  }

  /**
   * The StatefulSet spec fields outside {@link #STATEFULSET_MUTABLE}, each refused at its own path
   * (v1.37 names {@code spec.serviceName}, {@code spec.selector}, ... rather than the whole spec).
   */
  private static void statefulSet(Map<String, ?> live, Map<String, ?> next, List<FieldCause> out) {
    Map<?, ?> before = Trees.mapAt(live, "spec");
    Map<?, ?> after = Trees.mapAt(next, "spec");
    Set<Object> fields = new LinkedHashSet<>(before.keySet());
    fields.addAll(after.keySet());
    for (Object f : fields) {
      if (!STATEFULSET_MUTABLE.contains(f) && !Objects.equals(before.get(f), after.get(f))) {
        Object value = after.get(f) == null && before.get(f) instanceof String ? "" : after.get(f);
        out.add(new FieldCause("spec." + f, invalid(value)));
      }
    }
  }

  /** A field that may be set at creation and never changed or removed afterwards. */
  private static void fixed(Map<String, ?> live, Map<String, ?> next, List<FieldCause> out, String... path) {
    Object before = at(live, path);
    Object after = at(next, path);
    if (before != null && !before.equals(after)) {
      out.add(new FieldCause(String.join(".", path), invalid(after)));
    }
  }

  /**
   * A Service's cluster IPs cannot change once allocated, except to or from type ExternalName; a
   * new clusterIP with clusterIPs left as they were is taken as a change of the primary, as the
   * server reads it. The server names {@code spec.clusterIPs[i]}.
   */
  private static void clusterIps(Map<String, ?> live, Map<String, ?> next, List<FieldCause> out) {
    if ("ExternalName".equals(at(live, "spec", "type")) || "ExternalName".equals(at(next, "spec", "type"))) {
      return;
    }
    List<String> before = ips(live);
    List<String> after = new ArrayList<>(ips(next));
    String single = Trees.stringAt(next, "spec", "clusterIP");
    if (single != null && !single.isEmpty() && !after.isEmpty() && after.equals(before)
        && !single.equals(after.get(0))) {
      after.set(0, single);
    }
    if (before.isEmpty() || (before.equals(List.of("None")) && after.equals(List.of("None")))) {
      return;
    }
    if (after.isEmpty()) {
      out.add(new FieldCause("spec.clusterIPs[0]", invalid(after, "primary clusterIP can not be unset")));
      return;
    }
    for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
      if (!before.get(i).equals(after.get(i))) {
        out.add(new FieldCause("spec.clusterIPs[" + i + "]", invalid(after, "may not change once set")));
      }
    }
  }

  private static List<String> ips(Map<String, ?> service) {
    List<String> plural = Trees.strings(at(service, "spec", "clusterIPs"));
    if (!plural.isEmpty()) {
      return plural;
    }
    String single = Trees.stringAt(service, "spec", "clusterIP");
    return single == null || single.isEmpty() ? List.of() : List.of(single);
  }

  /** A claim's spec is fixed, but for the requests of a bound claim, its attributes class and a first volumeName. */
  private static void claim(Map<String, ?> live, Map<String, ?> next, List<FieldCause> out) {
    Map<String, Object> before = Trees.copyMap(castMap(Trees.mapAt(live, "spec")));
    Map<String, Object> after = Trees.copyMap(castMap(Trees.mapAt(next, "spec")));
    before.remove("volumeAttributesClassName");
    after.remove("volumeAttributesClassName");
    if (before.get("volumeName") == null || "".equals(before.get("volumeName"))) {
      before.remove("volumeName");
      after.remove("volumeName");
    }
    if ("Bound".equals(at(live, "status", "phase"))) {
      Trees.child(before, "resources").remove("requests");
      Trees.child(after, "resources").remove("requests");
    }
    if (!before.equals(after)) {
      out.add(new FieldCause("spec", PVC_MESSAGE));
    }
  }

  /** A ConfigMap or Secret marked {@code immutable: true} keeps its data and the mark. */
  private static void immutableData(Map<String, ?> live, Map<String, ?> next, List<FieldCause> out,
      String... fields) {
    if (!Boolean.TRUE.equals(live.get("immutable"))) {
      return;
    }
    if (!Boolean.TRUE.equals(next.get("immutable"))) {
      out.add(new FieldCause("immutable", IMMUTABLE_WHEN_SET));
    }
    for (String f : fields) {
      if (!Objects.equals(emptyAsNull(live.get(f)), emptyAsNull(next.get(f)))) {
        // The server folds stringData into data before it validates.
        out.add(new FieldCause(f.equals("stringData") ? "data" : f, IMMUTABLE_WHEN_SET));
      }
    }
  }

  private static Object emptyAsNull(Object v) {
    return v instanceof Map<?, ?> m && m.isEmpty() ? null : v;
  }

  private static String invalid(Object value) {
    return invalid(value, IMMUTABLE);
  }

  private static String invalid(Object value, String message) {
    return "Invalid value: " + Json.write(value) + ": " + message;
  }

  private static Object at(Map<String, ?> root, String... path) {
    Object cur = root;
    for (String p : path) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(p);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> castMap(Map<?, ?> m) {
    return (Map<String, ?>) m;
  }
}
