package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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

  /**
   * A mutable copy without map entries whose value is null, at any depth, except those {@code keep}
   * accepts: it is asked with the entry's path of field names from the root (list items are not
   * part of it, as in a {@link SchemaTable} path), the entry's own name last.
   */
  static Map<String, Object> withoutNulls(Map<String, ?> m, Predicate<List<String>> keep) {
    return withoutNulls(m, keep, new ArrayList<>());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withoutNulls(Map<String, ?> m, Predicate<List<String>> keep, List<String> path) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      path.add(k);
      if (v != null) {
        out.put(k, v instanceof Map<?, ?> child ? withoutNulls((Map<String, ?>) child, keep, path)
            : withoutNullsIn(v, keep, path));
      } else if (keep.test(List.copyOf(path))) {
        out.put(k, null);
      }
      path.remove(path.size() - 1);
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object withoutNullsIn(Object v, Predicate<List<String>> keep, List<String> path) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(x instanceof Map<?, ?> m ? withoutNulls((Map<String, ?>) m, keep, path) : withoutNullsIn(x, keep, path));
      }
      return out;
    }
    return v;
  }

  /** A mutable copy without map entries whose value is null, at any depth. */
  static Map<String, Object> withoutNulls(Map<String, ?> m) {
    return withoutNulls(m, path -> false);
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
