package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for object trees (maps, lists, scalars); package-private. */
final class Trees {
  private Trees() {}

  /** A deep, mutable copy of a tree value. */
  static Object copy(Object v) {
    return dev.gitops.model.ObjectTree.thawValue(v);
  }

  static Map<String, Object> copyMap(Map<String, ?> m) {
    return dev.gitops.model.ObjectTree.thaw(m);
  }

  /** The map at a key of a mutable map, created when absent. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }

  /** The map at a path, or an empty map. */
  static Map<?, ?> mapAt(Map<?, ?> root, String... path) {
    Map<?, ?> cur = root;
    for (String p : path) {
      if (!(cur.get(p) instanceof Map<?, ?> m)) {
        return Map.of();
      }
      cur = m;
    }
    return cur;
  }

  /** The string at a path, or null. */
  static String stringAt(Map<?, ?> root, String... path) {
    Map<?, ?> parent = mapAt(root, Arrays.copyOf(path, path.length - 1));
    return parent.get(path[path.length - 1]) instanceof String s ? s : null;
  }

  /** String items of a list value; other items are skipped. */
  static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** A mutable copy without map entries whose value is null, at any depth. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutNulls(Map<String, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v instanceof Map<?, ?> child ? withoutNulls((Map<String, ?>) child) : withoutNullsIn(v));
      }
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object withoutNullsIn(Object v) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(x instanceof Map<?, ?> m ? withoutNulls((Map<String, ?>) m) : withoutNullsIn(x));
      }
      return out;
    }
    return v;
  }

  /** A shallow copy without some top-level keys. */
  static Map<String, Object> without(Map<String, ?> m, String... keys) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    for (String k : keys) {
      out.remove(k);
    }
    return out;
  }
}
