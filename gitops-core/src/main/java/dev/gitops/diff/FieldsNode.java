package dev.gitops.diff;

import dev.gitops.cluster.PathElement;
import dev.gitops.model.ObjectTree;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

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

  /** The number of a node's children: its entries but the {@code "."} mark. */
  static int children(Map<?, ?> node) {
    return node.size() - (node.containsKey(".") ? 1 : 0);
  }

  static Map<?, ?> field(Map<?, ?> node, String name) {
    return node == null ? null : node.get(fieldKey(name)) instanceof Map<?, ?> m ? m : null;
  }

  /** Bound on each spelling cache; names beyond it (label or data keys, mostly) are spelled each time. */
  private static final int MAX_CACHED = 50_000;
  /** {@code f:<name>} per field name: reused strings hash once, and this runs per field per diff. */
  private static final Map<String, String> FIELD_KEYS = new ConcurrentHashMap<>();
  /** The field name of an {@code f:<name>} spelling: asked per owned field a desired map lacks. */
  private static final Map<String, String> FIELD_NAMES = new ConcurrentHashMap<>();

  /** {@code f:<name>}, the same instance for the same name while the cache has room. */
  static String fieldKey(String name) {
    return cached(FIELD_KEYS, name, n -> ObjectTree.sharedKey("f:" + n));
  }

  /** The name of a field spelled {@code f:<name>}, without a new string for the same spelling. */
  static String fieldName(String fieldKey) {
    return cached(FIELD_NAMES, fieldKey, k -> ObjectTree.sharedKey(k.substring(2)));
  }

  private static String cached(Map<String, String> cache, String key, UnaryOperator<String> make) {
    String value = cache.get(key);
    if (value == null) {
      value = make.apply(key);
      if (cache.size() < MAX_CACHED) {
        cache.put(key, value);
      }
    }
    return value;
  }

  static Map<?, ?> item(Map<?, ?> node, PathElement element) {
    if (node == null) {
      return null;
    }
    if (node.isEmpty()) {
      return null;
    }
    if (node.get(encode(element)) instanceof Map<?, ?> m) {
      return m;
    }
    // Another JSON spelling of the same key (escapes, number forms): compare decoded.
    String prefix = element instanceof PathElement.Key ? "k:" : "v:";
    for (Map.Entry<?, ?> e : node.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (k.startsWith(prefix) && e.getValue() instanceof Map<?, ?> m) {
        try {
          if (decode(k).equals(element)) {
            return m;
          }
        } catch (RuntimeException notAPathElement) {
          // Not a path element we can read: not this one.
        }
      }
    }
    return null;
  }

  /** Bound on {@link #DECODED}. */
  private static final int MAX_DECODED = 50_000;
  /** Decoded item spellings: the same ones recur across objects, and decoding parses JSON. */
  private static final Map<String, PathElement> DECODED = new ConcurrentHashMap<>();

  private static PathElement decode(String encoded) {
    PathElement e = DECODED.get(encoded);
    if (e == null) {
      e = PathElement.decode(encoded);
      if (DECODED.size() < MAX_DECODED) {
        DECODED.put(encoded, e);
      }
    }
    return e;
  }

  /**
   * The FieldsV1 spelling of a list item, written directly for plain keys (strings of printable
   * ASCII without characters JSON or Go escape, integers, booleans) since this runs per list item
   * per diff; anything else goes through the JSON writer.
   */
  static String encode(PathElement element) {
    if (element instanceof PathElement.Key key) {
      StringBuilder sb = new StringBuilder(32).append("k:{");
      for (Map.Entry<String, Object> e : key.keys().entrySet()) {
        if (sb.length() > 3) {
          sb.append(',');
        }
        if (!plain(e.getKey(), sb) || !scalar(e.getValue(), sb.append(':'))) {
          return element.encode();
        }
      }
      return sb.append('}').toString();
    }
    return element.encode();
  }

  /**
   * The FieldsV1 spelling of a map-list item's key, as {@code encode(PathElement.Key.of(item,
   * keys))} gives it, without making the key: this runs per list item of every desired object
   * compiled. The same spellings recur across objects, so they come from {@link #SPELLINGS}.
   *
   * @param sortedKeys the list's key fields, sorted as a key orders them
   * @param sb a scratch buffer, cleared here
   */
  static String encodeKey(Map<?, ?> item, String[] sortedKeys, StringBuilder sb) {
    if (sortedKeys.length == 1 && item.get(sortedKeys[0]) instanceof String value) {
      return SINGLE_KEYS.get(sortedKeys[0], value, sb);
    }
    return spell(item, sortedKeys, sb);
  }

  /**
   * {@link #encodeKey} of an item whose one key field {@code field} holds the string {@code value},
   * for a caller that has read it already.
   */
  static String encodeKey(String field, String value, StringBuilder sb) {
    return SINGLE_KEYS.get(field, value, sb);
  }

  private static String spell(Map<?, ?> item, String[] sortedKeys, StringBuilder sb) {
    sb.setLength(0);
    sb.append("k:{");
    for (String k : sortedKeys) {
      Object v = item.get(k);
      if (v == null) {
        continue; // absent or null: left out of a key
      }
      if (sb.length() > 3) {
        sb.append(',');
      }
      if (!plain(k, sb) || !scalar(v, sb.append(':'))) {
        return encode(PathElement.Key.of(item, List.of(sortedKeys)));
      }
    }
    return SPELLINGS.get(sb.append('}'));
  }

  /**
   * Spellings of items keyed by one string field (containers and env by name, mounts by path),
   * most map lists' kind, by field and value: found without spelling them again.
   */
  private static final SingleKeys SINGLE_KEYS = new SingleKeys(1 << 12);

  /** A fixed-size, lossy cache of {@link SingleKey}s; unsynchronized on purpose, as {@link Spellings}. */
  private static final class SingleKeys {
    private final SingleKey[] slots;

    SingleKeys(int size) {
      slots = new SingleKey[size];
    }

    String get(String field, String value, StringBuilder sb) {
      int h = field.hashCode() * 31 + value.hashCode();
      int slot = (h ^ (h >>> 16)) & (slots.length - 1);
      SingleKey k = slots[slot];
      if (k != null && k.value.equals(value) && k.field.equals(field)) {
        return k.spelling;
      }
      String spelling = spell(Map.of(field, value), new String[] {field}, sb);
      slots[slot] = new SingleKey(field, value, spelling);
      return spelling;
    }
  }

  private record SingleKey(String field, String value, String spelling) {}

  /** Item spellings, shared: a lossy cache, so the text of a recurring one makes no new string. */
  private static final Spellings SPELLINGS = new Spellings(1 << 12);

  /**
   * A fixed-size, lossy cache of strings found by their text. Unsynchronized on purpose: a slot
   * holds one immutable string or none, and a lost update only costs a new string later.
   */
  static final class Spellings {
    private final String[] slots;

    Spellings(int size) {
      slots = new String[size];
    }

    String get(CharSequence text) {
      int h = 0;
      for (int i = 0, n = text.length(); i < n; i++) {
        h = 31 * h + text.charAt(i);
      }
      int slot = (h ^ (h >>> 16)) & (slots.length - 1);
      String s = slots[slot];
      if (s == null || !s.contentEquals(text)) {
        s = ObjectTree.sharedKey(text.toString());
        slots[slot] = s;
      }
      return s;
    }
  }

  private static boolean scalar(Object v, StringBuilder sb) {
    if (v instanceof String s) {
      return plain(s, sb);
    }
    // Appended as primitives: append(Object) made a string of each number first.
    if (v instanceof Long l) {
      sb.append(l.longValue());
      return true;
    }
    if (v instanceof Integer i) {
      sb.append(i.intValue());
      return true;
    }
    if (v instanceof Boolean b) {
      sb.append(b.booleanValue());
      return true;
    }
    return false;
  }

  private static boolean plain(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
        return false;
      }
      sb.append(c);
    }
    sb.append('"');
    return true;
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
