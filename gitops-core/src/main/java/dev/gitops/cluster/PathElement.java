package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One step of a field path as structured-merge-diff (the library behind server-side apply)
 * names it: a field of a map, an item of a map list by its keys, or an item of a set by its
 * value. Atomic lists are leaves, so list indexes never occur.
 */
public sealed interface PathElement extends Comparable<PathElement> {

  /** The FieldsV1 form: {@code f:name}, {@code k:{"name":"web"}}, {@code v:"x"}. */
  String encode();

  /** As Kubernetes prints it in conflict messages: {@code .name}, {@code [name="web"]}, {@code [="x"]}. */
  String display();

  /** Fields sort before keys, keys before values; then by encoded form. */
  @Override
  default int compareTo(PathElement other) {
    int byType = Integer.compare(rank(), other.rank());
    if (byType != 0) {
      return byType;
    }
    // Same order as comparing encoded forms; field names without building "f:" strings.
    if (this instanceof Field a && other instanceof Field b) {
      return a.name().compareTo(b.name());
    }
    return encode().compareTo(other.encode());
  }

  private int rank() {
    return this instanceof Field ? 0 : this instanceof Key ? 1 : 2;
  }

  static PathElement decode(String encoded) {
    if (encoded.startsWith("f:")) {
      return new Field(encoded.substring(2));
    }
    if (encoded.startsWith("k:")) {
      if (!(Json.read(encoded.substring(2)) instanceof Map<?, ?> keys)) {
        throw new IllegalArgumentException("key path element is not a JSON object: " + encoded);
      }
      SortedMap<String, Object> out = new TreeMap<>();
      keys.forEach((k, v) -> out.put(String.valueOf(k), v));
      return new Key(out);
    }
    if (encoded.startsWith("v:")) {
      return new Value(Json.read(encoded.substring(2)));
    }
    throw new IllegalArgumentException("unsupported FieldsV1 path element: " + encoded);
  }

  /** A field of a map. */
  record Field(String name) implements PathElement {
    public Field {
      requireNonNull(name, "name");
    }

    @Override
    public String encode() {
      return "f:" + name;
    }

    @Override
    public String display() {
      return "." + name;
    }
  }

  /**
   * An item of a map list, by the values of its key fields (absent key fields are left out). A
   * class rather than a record so that its encoded form, which ordering compares, is computed once.
   */
  final class Key implements PathElement {
    private final SortedMap<String, Object> keys;
    private String encoded;
    /** The hash of {@link #keys}, 0 until computed (keys are values: it does not change). */
    private int hash;

    public Key(SortedMap<String, Object> keys) {
      this.keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    }

    /** Over a sorted map of our own making, not copied again. */
    private Key(TreeMap<String, Object> own) {
      this.keys = Collections.unmodifiableSortedMap(own);
    }

    /** The key of a map-list item; the item's absent or null key fields are left out. */
    public static Key of(Map<?, ?> item, List<String> keyFields) {
      return of(item, keyFields, Map.of());
    }

    /**
     * The key of a map-list item whose absent key fields take their schema default, as
     * structured-merge-diff keys them: a custom resource's item without a defaulted key field is
     * the same item as the stored one the server filled the default into. Key fields absent
     * without a default, or null, are left out.
     *
     * @param defaults the defaults of the item's fields ({@link SchemaTable#defaults} at the list)
     */
    public static Key of(Map<?, ?> item, List<String> keyFields, Map<String, ?> defaults) {
      TreeMap<String, Object> keys = new TreeMap<>();
      for (String k : keyFields) {
        Object v = item.get(k);
        if (v == null && !item.containsKey(k)) {
          v = defaults.get(k);
        }
        if (v != null) {
          keys.put(k, v);
        }
      }
      return new Key(keys);
    }

    /** The key fields and their values, sorted by field. */
    public SortedMap<String, Object> keys() {
      return keys;
    }

    @Override
    public String encode() {
      String e = encoded;
      if (e == null) {
        e = "k:" + Json.write(keys);
        encoded = e;
      }
      return e;
    }

    @Override
    public String display() {
      StringBuilder sb = new StringBuilder("[");
      keys.forEach((k, v) -> {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(k).append('=').append(Json.write(v));
      });
      return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
      int h = hash;
      if (h == 0) {
        h = keys.hashCode();
        hash = h;
      }
      return h;
    }

    @Override
    public String toString() {
      return "Key[keys=" + keys + "]";
    }
  }

  /** An item of a set list, by its value. */
  record Value(@Nullable Object value) implements PathElement {
    @Override
    public String encode() {
      return "v:" + Json.write(value);
    }

    @Override
    public String display() {
      return "[=" + Json.write(value) + "]";
    }
  }
}
