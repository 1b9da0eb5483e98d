package dev.gitops.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of object trees for the diff. */
final class Trees {
  private Trees() {}

  static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(deepCopy(x)));
      return out;
    }
    return v;
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
}
