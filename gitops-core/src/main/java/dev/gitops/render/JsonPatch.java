package dev.gitops.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 6902 JSON patch over an object tree: add, remove, replace, move, copy and test, with RFC 6901
 * pointers ({@code ~1} for {@code /}, {@code ~0} for {@code ~}, {@code -} for the end of a list);
 * package-private.
 */
final class JsonPatch {
  private JsonPatch() {}

  /** A failed or malformed operation; the message names the operation and path. */
  static final class JsonPatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonPatchException(String message) {
      super(message);
    }
  }

  /** Applies the operations in order to {@code target} (modified in place). */
  static void apply(Map<String, Object> target, List<?> operations) {
    for (Object o : operations) {
      if (!(o instanceof Map<?, ?> op)) {
        throw new JsonPatchException("a JSON patch operation must be an object");
      }
      String kind = String.valueOf(op.get("op"));
      String path = op.get("path") == null ? null : String.valueOf(op.get("path"));
      if (path == null) {
        throw new JsonPatchException("operation '" + kind + "' has no path");
      }
      switch (kind) {
        case "add" -> add(target, path, KustomizeBuild.deepCopyValue(value(op, kind)));
        case "remove" -> remove(target, path);
        case "replace" -> {
          get(target, path);
          remove(target, path);
          add(target, path, KustomizeBuild.deepCopyValue(value(op, kind)));
        }
        case "move" -> {
          String from = from(op, kind);
          Object v = get(target, from);
          remove(target, from);
          add(target, path, v);
        }
        case "copy" -> add(target, path, KustomizeBuild.deepCopyValue(get(target, from(op, kind))));
        case "test" -> {
          Object actual = get(target, path);
          if (!numericEquals(actual, value(op, kind))) {
            throw new JsonPatchException("test at '" + path + "' failed: value is " + actual);
          }
        }
        default -> throw new JsonPatchException("unknown operation '" + kind + "'");
      }
    }
  }

  private static Object value(Map<?, ?> op, String kind) {
    if (!op.containsKey("value")) {
      throw new JsonPatchException("operation '" + kind + "' has no value");
    }
    return op.get("value");
  }

  private static String from(Map<?, ?> op, String kind) {
    if (op.get("from") == null) {
      throw new JsonPatchException("operation '" + kind + "' has no from");
    }
    return String.valueOf(op.get("from"));
  }

  static List<String> parse(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new JsonPatchException("JSON pointer '" + pointer + "' must start with /");
    }
    List<String> out = new ArrayList<>();
    for (String s : pointer.substring(1).split("/", -1)) {
      out.add(s.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static Object get(Map<String, Object> root, String pointer) {
    Object cur = root;
    for (String token : parse(pointer)) {
      cur = child(cur, token, pointer);
    }
    return cur;
  }

  private static Object child(Object node, String token, String pointer) {
    if (node instanceof Map<?, ?> m) {
      if (!m.containsKey(token)) {
        throw new JsonPatchException("path '" + pointer + "' does not exist");
      }
      return m.get(token);
    }
    if (node instanceof List<?> l) {
      int i = index(token, l.size() - 1, pointer);
      return l.get(i);
    }
    throw new JsonPatchException("path '" + pointer + "' does not exist");
  }

  private static Object parent(Map<String, Object> root, List<String> tokens, String pointer) {
    Object cur = root;
    for (String t : tokens.subList(0, tokens.size() - 1)) {
      cur = child(cur, t, pointer);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> root, String pointer, Object value) {
    List<String> tokens = parse(pointer);
    if (tokens.isEmpty()) {
      if (!(value instanceof Map<?, ?> m)) {
        throw new JsonPatchException("the whole object can only be replaced by an object");
      }
      root.clear();
      root.putAll((Map<String, Object>) m);
      return;
    }
    Object parent = parent(root, tokens, pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, value);
    } else if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      list.add(last.equals("-") ? list.size() : index(last, list.size(), pointer), value);
    } else {
      throw new JsonPatchException("path '" + pointer + "' does not exist");
    }
  }

  private static void remove(Map<String, Object> root, String pointer) {
    List<String> tokens = parse(pointer);
    if (tokens.isEmpty()) {
      throw new JsonPatchException("cannot remove the whole object");
    }
    Object parent = parent(root, tokens, pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      if (!m.containsKey(last)) {
        throw new JsonPatchException("path '" + pointer + "' does not exist");
      }
      m.remove(last);
    } else if (parent instanceof List<?> l) {
      l.remove(index(last, l.size() - 1, pointer));
    } else {
      throw new JsonPatchException("path '" + pointer + "' does not exist");
    }
  }

  private static int index(String token, int max, String pointer) {
    if (!token.matches("0|[1-9][0-9]*")) {
      throw new JsonPatchException("'" + token + "' in '" + pointer + "' is not a list index");
    }
    int i = Integer.parseInt(token);
    if (i > max) {
      throw new JsonPatchException("index " + i + " in '" + pointer + "' is out of range");
    }
    return i;
  }

  private static boolean numericEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
    }
    return Objects.equals(normalized(a), normalized(b));
  }

  // Integers of any width compare equal to the same Long, as in the frozen trees.
  private static Object normalized(Object v) {
    Map<String, Object> holder = new java.util.HashMap<>();
    holder.put("v", v);
    return dev.gitops.model.ObjectTree.freeze(holder, dev.gitops.model.SourceLocation.unknown()).get("v");
  }
}
