package dev.gitops.diff;

import dev.gitops.model.ObjectTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of object trees for the diff. */
final class Trees {
  private Trees() {}

  static Object deepCopy(Object v) {
    return ObjectTree.thawValue(v);
  }

  /**
   * A mutable deep copy of an object, leaving out what the diff strips anyway and what is often
   * the largest part of a live object: {@code metadata.managedFields} and {@code status}.
   */
  static Map<String, Object> mutableCopy(Map<String, Object> object) {
    Map<String, Object> out = new LinkedHashMap<>(Math.max(8, object.size() * 2));
    for (Map.Entry<String, Object> e : object.entrySet()) {
      String k = e.getKey();
      if (k.equals("status")) {
        continue;
      }
      if (k.equals("metadata") && e.getValue() instanceof Map<?, ?> meta) {
        Map<String, Object> m = new LinkedHashMap<>(Math.max(8, meta.size() * 2));
        meta.forEach((mk, mv) -> {
          if (!"managedFields".equals(mk)) {
            m.put(String.valueOf(mk), deepCopy(mv));
          }
        });
        out.put(k, m);
      } else {
        out.put(k, deepCopy(e.getValue()));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object v) {
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : null;
  }

  /** A set of paths from the root (field names, {@code *} for every list item), as a trie. */
  static final class Paths {
    private final Map<String, Paths> children = new LinkedHashMap<>();

    boolean isEmpty() {
      return children.isEmpty();
    }

    void add(List<String> path) {
      Paths at = this;
      for (String step : path) {
        at = at.children.computeIfAbsent(step, k -> new Paths());
      }
    }
  }

  /**
   * A copy of an object as {@link #mutableCopy} makes it, except that only the maps on the given
   * paths (and the lists leading to them) are copied, mutable; everything else is shared with the
   * object, not to be modified.
   */
  static Map<String, Object> copyAlong(Map<String, Object> object, Paths paths) {
    Map<String, Object> out = new LinkedHashMap<>(Math.max(8, object.size() * 2));
    for (Map.Entry<String, Object> e : object.entrySet()) {
      String k = e.getKey();
      if (k.equals("status")) {
        continue;
      }
      Object v = e.getValue();
      if (k.equals("metadata") && v instanceof Map<?, ?> meta) {
        Paths sub = paths.children.get(k);
        Map<String, Object> m = new LinkedHashMap<>(Math.max(8, meta.size() * 2));
        meta.forEach((mk, mv) -> {
          if (!"managedFields".equals(mk)) {
            String name = String.valueOf(mk);
            m.put(name, along(mv, sub == null ? null : sub.children.get(name)));
          }
        });
        out.put(k, m);
      } else {
        out.put(k, along(v, paths.children.get(k)));
      }
    }
    return out;
  }

  /**
   * A copy of an object in which only the maps on the given paths (and the lists leading to them)
   * are copied, mutable, keeping every field; everything else is shared with the object, not to be
   * modified. The root is always copied.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> copyOnly(Map<String, Object> object, Paths paths) {
    return (Map<String, Object>) along(object, paths);
  }

  private static Object along(Object v, Paths paths) {
    if (paths == null) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      m.forEach((k, x) -> {
        String name = String.valueOf(k);
        out.put(name, along(x, paths.children.get(name)));
      });
      return out;
    }
    Paths items = paths.children.get("*");
    if (v instanceof List<?> l && items != null) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(along(x, items)));
      return out;
    }
    return v;
  }
}
