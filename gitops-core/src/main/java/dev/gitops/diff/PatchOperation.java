package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One RFC 6902 JSON Patch operation.
 *
 * @param op {@code add}, {@code replace} or {@code remove}
 * @param path JSON pointer into the live object
 * @param value the value for add and replace, null for remove
 */
public record PatchOperation(String op, String path, @Nullable Object value) {
  public PatchOperation {
    requireNonNull(op, "op");
    requireNonNull(path, "path");
  }

  public static PatchOperation add(String path, @Nullable Object value) {
    return new PatchOperation("add", path, value);
  }

  public static PatchOperation replace(String path, @Nullable Object value) {
    return new PatchOperation("replace", path, value);
  }

  public static PatchOperation remove(String path) {
    return new PatchOperation("remove", path, null);
  }

  /** The operation as a JSON object tree. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    if (!op.equals("remove")) {
      m.put("value", value);
    }
    return m;
  }
}
