package dev.gitops.diff;

import dev.gitops.cluster.PathElement;
import java.util.List;
import java.util.Map;

/**
 * Steps through a FieldsV1 tree ({@code {"f:spec": {"f:replicas": {}}}}) alongside the object walk,
 * so that asking whether a manager owns a field costs one lookup per step rather than parsing the
 * whole set. A null node means nothing is owned at or below that point.
 */
final class FieldsNode {
  private FieldsNode() {}

  /** Whether the path the node stands for is itself owned: a leaf, or marked with {@code "."}. */
  static boolean isMember(Map<?, ?> node) {
    return node != null && (node.isEmpty() || node.containsKey("."));
  }

  static Map<?, ?> field(Map<?, ?> node, String name) {
    return node == null ? null : node.get("f:" + name) instanceof Map<?, ?> m ? m : null;
  }

  static Map<?, ?> item(Map<?, ?> node, PathElement element) {
    if (node == null) {
      return null;
    }
    if (node.get(element.encode()) instanceof Map<?, ?> m) {
      return m;
    }
    // Another JSON spelling of the same key (escapes, number forms): compare decoded.
    String prefix = element instanceof PathElement.Key ? "k:" : "v:";
    for (Map.Entry<?, ?> e : node.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (k.startsWith(prefix) && e.getValue() instanceof Map<?, ?> m) {
        try {
          if (PathElement.decode(k).equals(element)) {
            return m;
          }
        } catch (RuntimeException notAPathElement) {
          // Not a path element we can read: not this one.
        }
      }
    }
    return null;
  }

  /** The fieldsV1 of a manager's Apply entry on the main resource, or null. */
  static Map<?, ?> applied(Map<String, Object> object, String manager) {
    if (object != null && object.get("metadata") instanceof Map<?, ?> meta
        && meta.get("managedFields") instanceof List<?> entries) {
      for (Object e : entries) {
        if (e instanceof Map<?, ?> m && manager.equals(m.get("manager")) && "Apply".equals(m.get("operation"))
            && (m.get("subresource") == null || "".equals(m.get("subresource")))
            && m.get("fieldsV1") instanceof Map<?, ?> f) {
          return f;
        }
      }
    }
    return null;
  }
}
