package dev.gitops.diff;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Fields the API server populates, removed from both sides before comparing. */
final class ServerFields {
  static final Set<String> METADATA = Set.of("uid", "resourceVersion", "generation", "creationTimestamp",
      "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");
  static final Set<String> ANNOTATIONS = Set.of("kubectl.kubernetes.io/last-applied-configuration",
      "deployment.kubernetes.io/revision");
  /** {@link #METADATA} and {@link #ANNOTATIONS} as arrays: {@link #presentIn} runs per first diff, without iterators. */
  private static final String[] METADATA_FIELDS = METADATA.toArray(new String[0]);
  private static final String[] ANNOTATION_KEYS = ANNOTATIONS.toArray(new String[0]);
  /**
   * Where pod and job templates carry a metadata the server fills with {@code creationTimestamp:
   * null}; StatefulSet claim templates too.
   */
  private static final List<List<String>> TEMPLATE_METADATA = List.of(
      List.of("spec", "template", "metadata"), List.of("spec", "jobTemplate", "metadata"),
      List.of("spec", "jobTemplate", "spec", "template", "metadata"));

  private ServerFields() {}

  /** Each path (as {@link ScopedNormalizer#modifiedMaps} spells them) to a map {@link #strip} may change, but the root. */
  static void modifiedMaps(Consumer<List<String>> out) {
    out.accept(List.of("metadata", "annotations"));
    out.accept(List.of("spec", "volumeClaimTemplates", "*", "metadata"));
    TEMPLATE_METADATA.forEach(out);
  }

  /** Whether {@link #strip} would change the object, leaving aside an empty {@code annotations} map. */
  static boolean presentIn(Map<String, Object> object) {
    if (object.containsKey("status")) {
      return true;
    }
    if (object.get("metadata") instanceof Map<?, ?> meta) {
      for (String f : METADATA_FIELDS) {
        if (meta.containsKey(f)) {
          return true;
        }
      }
      if (meta.get("annotations") instanceof Map<?, ?> annotations) {
        for (String a : ANNOTATION_KEYS) {
          if (annotations.containsKey(a)) {
            return true;
          }
        }
      }
    }
    if (object.get("spec") instanceof Map<?, ?> spec && spec.get("volumeClaimTemplates") instanceof List<?> claims) {
      for (Object claim : claims) {
        if (claim instanceof Map<?, ?> c && c.get("metadata") instanceof Map<?, ?> m && m.containsKey("creationTimestamp")) {
          return true;
        }
      }
    }
    // By index: this runs per first diff, and iterators were most of what it allocated.
    for (int i = 0; i < TEMPLATE_METADATA.size(); i++) {
      List<String> path = TEMPLATE_METADATA.get(i);
      Object at = object;
      for (int j = 0; j < path.size(); j++) {
        at = at instanceof Map<?, ?> m ? m.get(path.get(j)) : null;
      }
      if (at instanceof Map<?, ?> m && m.containsKey("creationTimestamp")) {
        return true;
      }
    }
    return false;
  }

  /** Removes server-populated fields from a mutable object, reporting each removed pointer. */
  static void strip(Map<String, Object> object, Consumer<String> removed) {
    if (object.remove("status") != null) {
      removed.accept("/status");
    }
    Map<String, Object> meta = Trees.map(object.get("metadata"));
    if (meta != null) {
      for (String f : METADATA) {
        if (meta.containsKey(f)) {
          meta.remove(f);
          removed.accept("/metadata/" + f);
        }
      }
      Map<String, Object> annotations = Trees.map(meta.get("annotations"));
      if (annotations != null) {
        for (String a : ANNOTATIONS) {
          if (annotations.remove(a) != null) {
            removed.accept("/metadata/annotations/" + Pointers.escape(a));
          }
        }
        if (annotations.isEmpty()) {
          meta.remove("annotations");
        }
      }
    }
    Map<String, Object> spec = Trees.map(object.get("spec"));
    if (spec != null && spec.get("volumeClaimTemplates") instanceof List<?> claims) {
      for (int i = 0; i < claims.size(); i++) {
        Map<String, Object> claimMeta = Trees.map(Trees.map(claims.get(i)) == null ? null
            : Trees.map(claims.get(i)).get("metadata"));
        if (claimMeta != null && claimMeta.containsKey("creationTimestamp")) {
          claimMeta.remove("creationTimestamp");
          removed.accept("/spec/volumeClaimTemplates/" + i + "/metadata/creationTimestamp");
        }
      }
    }
    for (List<String> path : TEMPLATE_METADATA) {
      Object at = object;
      for (String step : path) {
        Map<String, Object> m = Trees.map(at);
        at = m == null ? null : m.get(step);
      }
      Map<String, Object> m = Trees.map(at);
      if (m != null && m.containsKey("creationTimestamp")) {
        m.remove("creationTimestamp");
        removed.accept("/" + String.join("/", path) + "/creationTimestamp");
      }
    }
  }
}
