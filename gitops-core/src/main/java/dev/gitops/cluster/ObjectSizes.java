package dev.gitops.cluster;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The size limits a real API server enforces, so the in-memory cluster refuses what it refuses:
 * the request body (3 MiB, HTTP 413), the stored object (etcd's request limit, 1.5 MiB) and the
 * data of a ConfigMap or Secret (1 MiB, a validation error). Package-private.
 */
final class ObjectSizes {
  static final long MAX_DATA_BYTES = 1024L * 1024;

  private ObjectSizes() {}

  /** Refuses a request or stored object over {@code limit} bytes of JSON. */
  static void check(String cluster, ObjectKey key, Object object, long limit, String what) {
    // Cheap bound first: a UTF-8 character is at most 3 bytes of JSON text outside escapes.
    long chars = approximateChars(object);
    if (chars * 3 < limit) {
      return;
    }
    long bytes = Json.write(object).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limit) {
      throw new ObjectTooLargeException(key, cluster + ": " + key + ": " + what + " of " + bytes
          + " bytes is larger than the limit of " + limit + " bytes", null);
    }
  }

  /** The data limit of ConfigMaps ({@code data} and {@code binaryData}) and Secrets. */
  static List<FieldCause> dataCauses(ObjectKey key, Map<String, Object> object) {
    if (!key.group().isEmpty()) {
      return List.of();
    }
    long total = 0;
    String field;
    if (key.kind().equals("ConfigMap")) {
      field = "[]";
      total += valueBytes(object.get("data"), false) + valueBytes(object.get("binaryData"), true);
    } else if (key.kind().equals("Secret")) {
      field = "data";
      total += valueBytes(object.get("data"), true) + valueBytes(object.get("stringData"), false);
    } else {
      return List.of();
    }
    return total > MAX_DATA_BYTES
        ? List.of(new FieldCause(field, "Too long: may not be more than " + MAX_DATA_BYTES + " bytes"))
        : List.of();
  }

  private static long valueBytes(Object map, boolean base64) {
    if (!(map instanceof Map<?, ?> m)) {
      return 0;
    }
    long n = 0;
    for (Object v : m.values()) {
      if (v instanceof String s) {
        n += base64 ? decodedLength(s) : s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }

  private static long decodedLength(String b64) {
    int len = b64.length();
    int pad = len > 0 && b64.charAt(len - 1) == '=' ? (len > 1 && b64.charAt(len - 2) == '=' ? 2 : 1) : 0;
    return (long) len * 3 / 4 - pad;
  }

  /** Characters of keys and strings plus a few per value; iterative, so depth cannot overflow. */
  private static long approximateChars(Object root) {
    long n = 0;
    Deque<Object> todo = new ArrayDeque<>();
    todo.push(root == null ? "" : root);
    while (!todo.isEmpty()) {
      Object v = todo.pop();
      n += 4;
      if (v instanceof String s) {
        n += s.length() * 2L; // escapes may double a character
      } else if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          n += String.valueOf(e.getKey()).length() * 2L;
          if (e.getValue() != null) {
            todo.push(e.getValue());
          }
        }
      } else if (v instanceof Collection<?> c) {
        for (Object o : c) {
          if (o != null) {
            todo.push(o);
          }
        }
      } else {
        n += 24;
      }
    }
    return n;
  }
}
