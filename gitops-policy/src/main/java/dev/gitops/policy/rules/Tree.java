package dev.gitops.policy.rules;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Lenient reads of object trees: a missing or mistyped field reads as empty. */
final class Tree {
  private Tree() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String key) {
    return m.get(key) instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> m, String key) {
    return m.get(key) instanceof List<?> v ? (List<Object>) v : List.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
    // Lists of objects in Kubernetes hold only maps; anything else is skipped by the callers.
    return (List<Map<String, Object>>) (List<?>) list(m, key).stream()
        .filter(Map.class::isInstance).toList();
  }

  static String string(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s ? s : "";
  }

  /** The boolean at the key, or null when absent or not a boolean. */
  static @Nullable Boolean bool(Map<String, Object> m, String key) {
    return m.get(key) instanceof Boolean b ? b : null;
  }

  static boolean isTrue(Map<String, Object> m, String key) {
    return Boolean.TRUE.equals(m.get(key));
  }

  static long number(Map<String, Object> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : 0L;
  }
}
