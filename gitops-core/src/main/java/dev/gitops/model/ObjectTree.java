package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deep copies of Kubernetes object trees: {@link #freeze} makes the unmodifiable form that
 * {@link Manifest} and live objects hold, {@link #thaw} a mutable copy to transform.
 *
 * <p>A tree is made of {@code Map<String, Object>} (insertion ordered), {@code List<Object>},
 * {@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code BigInteger},
 * {@code BigDecimal} and {@code null}. Integers of smaller types become {@code Long}.
 */
public final class ObjectTree {
  private ObjectTree() {}

  /**
   * Whether a map is one of frozen trees' own ({@link #freeze}), whose entries {@link #keyAt} and
   * {@link #valueAt} read by position.
   */
  public static boolean isFrozen(Map<?, ?> map) {
    return map instanceof FrozenMap;
  }

  /**
   * Key {@code i} of a frozen map in its order, read without making an entry or an iterator: for
   * walks over many trees, which would otherwise allocate per map and field.
   *
   * @throws IllegalArgumentException if the map is not {@linkplain #isFrozen frozen}
   * @throws IndexOutOfBoundsException if {@code i} is not below its size
   */
  public static String keyAt(Map<String, ?> frozen, int i) {
    return frozen(frozen, i).keyAt(i);
  }

  /** Value {@code i} of a frozen map in its order; see {@link #keyAt}. */
  public static @Nullable Object valueAt(Map<String, ?> frozen, int i) {
    return frozen(frozen, i).valueAt(i);
  }

  private static FrozenMap frozen(Map<String, ?> map, int i) {
    if (!(map instanceof FrozenMap f)) {
      throw new IllegalArgumentException("not a frozen map: " + map.getClass().getName());
    }
    java.util.Objects.checkIndex(i, f.size());
    return f;
  }

  /**
   * The instance of a map key that frozen trees share, where they share one (keys that recur
   * across objects, up to a length): a caller looking keys up in frozen trees many times, such as
   * a differ spelling FieldsV1 keys, finds them by identity with it. Always equal to {@code key}.
   */
  public static String sharedKey(String key) {
    return FrozenKeys.of(key);
  }

  /**
   * An unmodifiable deep copy.
   *
   * @param location where the tree came from, for error messages
   * @throws InvalidManifestException if a key is not a string or a value has an unsupported type
   */
  public static Map<String, Object> freeze(Map<?, ?> tree, SourceLocation location) {
    try {
      return freezeMap(tree, 1);
    } catch (Invalid e) {
      throw e.toException(location);
    }
  }

  /**
   * The deepest nesting of maps and lists a tree may have (as the YAML reader allows): every walk
   * of a frozen tree, recursive or not, is bounded by it, so no hostile tree overflows a stack.
   */
  public static final int MAX_DEPTH = 500;

  /**
   * An unmodifiable deep copy of any tree value (a map, a list or a scalar), numbers widened to
   * {@code Long} and {@code Double} as in {@link #freeze}.
   *
   * @throws InvalidManifestException if a key is not a string or a value has an unsupported type
   */
  public static @Nullable Object freezeValue(@Nullable Object value, SourceLocation location) {
    try {
      return freezeValue(value, 0);
    } catch (Invalid e) {
      throw e.toException(location);
    }
  }

  /**
   * An unmodifiable map of the given entries, in order: what {@link #freeze} makes of a map holding
   * them, for readers that build object trees and so need not build a mutable one first. Values
   * are frozen as by {@link #freezeValue}; maps and lists already frozen (by this class) are shared,
   * not copied.
   *
   * @param keys the keys, no two equal
   * @param values the values, one per key
   * @param location where the entries came from, for error messages
   * @throws IllegalArgumentException if two keys are equal or there are not as many values as keys
   * @throws InvalidManifestException if a value has an unsupported type or nests too deep
   */
  public static Map<String, Object> frozenMap(List<String> keys, List<?> values, SourceLocation location) {
    int n = keys.size();
    if (values.size() != n) {
      throw new IllegalArgumentException(n + " keys but " + values.size() + " values");
    }
    Object[] slots = new Object[2 * n];
    int height = 1;
    try {
      for (int i = 0; i < n; i++) {
        String k = requireNonNull(keys.get(i), "key");
        Object v;
        try {
          v = freezeValue(values.get(i), 1);
        } catch (Invalid problem) {
          throw problem.at("." + k);
        }
        slots[2 * i] = k;
        slots[2 * i + 1] = v;
        height = Math.max(height, 1 + height(v));
      }
    } catch (Invalid e) {
      throw e.toException(location);
    }
    FrozenMap map = new FrozenMap(slots, n, height);
    String duplicate = map.duplicateKey();
    if (duplicate != null) {
      throw new IllegalArgumentException("duplicate key " + duplicate);
    }
    return map;
  }

  /**
   * An unmodifiable list of the given items, in order: what {@link #freezeValue} makes of a list
   * holding them, as {@link #frozenMap} for maps.
   *
   * @param location where the items came from, for error messages
   * @throws InvalidManifestException if an item has an unsupported type or nests too deep
   */
  public static List<Object> frozenList(List<?> items, SourceLocation location) {
    Object[] out = new Object[items.size()];
    int height = 1;
    try {
      for (int i = 0; i < out.length; i++) {
        try {
          out[i] = freezeValue(items.get(i), 1);
        } catch (Invalid problem) {
          throw problem.at("[" + i + "]");
        }
        height = Math.max(height, 1 + height(out[i]));
      }
    } catch (Invalid e) {
      throw e.toException(location);
    }
    return new FrozenList(out, height);
  }

  /** A mutable deep copy. */
  public static Map<String, Object> thaw(Map<String, ?> tree) {
    Map<String, Object> out = new LinkedHashMap<>(Math.max(4, tree.size() * 2));
    tree.forEach((k, v) -> out.put(k, thawValue(v)));
    return out;
  }

  /** A mutable deep copy of any tree value: maps and lists are copied, scalars returned. */
  public static @Nullable Object thawValue(@Nullable Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      m.forEach((k, v) -> out.put(String.valueOf(k), thawValue(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(thawValue(x)));
      return out;
    }
    return value;
  }

  /** The value at a path of map keys, empty if a step is missing or not a map. */
  public static java.util.Optional<Object> get(Map<String, Object> tree, String... path) {
    Object cur = tree;
    for (String p : path) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(p)) {
        return java.util.Optional.empty();
      }
      cur = m.get(p);
    }
    return java.util.Optional.ofNullable(cur);
  }

  /**
   * A problem found deep in a tree: the path to it is collected while the walk unwinds, so that the
   * walk itself spells no paths (it copies every node of every manifest).
   */
  private static final class Invalid extends RuntimeException {
    private final String problem;
    private final List<String> steps = new ArrayList<>(); // innermost first

    Invalid(String problem) {
      super(problem, null, false, false);
      this.problem = problem;
    }

    Invalid at(String step) {
      steps.add(step);
      return this;
    }

    InvalidManifestException toException(SourceLocation src) {
      StringBuilder path = new StringBuilder("$");
      for (int i = steps.size() - 1; i >= 0; i--) {
        path.append(steps.get(i));
      }
      String p = path.length() > 200 ? path.substring(0, 200) + "..." : path.toString();
      return new InvalidManifestException(src, problem + " at " + p);
    }
  }

  private static Map<String, Object> freezeMap(Map<?, ?> in, int depth) {
    if (in instanceof FrozenMap frozen && depth + frozen.height - 1 <= MAX_DEPTH) {
      return frozen; // ours, immutable: shared rather than copied
    }
    if (depth > MAX_DEPTH) {
      throw new Invalid("nesting deeper than " + MAX_DEPTH + " levels");
    }
    MapFreezer f = new MapFreezer(in.size(), depth);
    in.forEach(f); // no entry set or iterator: this runs per map of every manifest and live object
    return new FrozenMap(f.slots, f.size, f.height);
  }

  /** Freezes one map's entries as they come. */
  private static final class MapFreezer implements java.util.function.BiConsumer<Object, Object> {
    private final int depth;
    /** Keys and values alternating, as {@link FrozenMap} takes them. */
    Object[] slots;
    int size;
    int height = 1;

    MapFreezer(int expected, int depth) {
      this.slots = new Object[2 * expected];
      this.depth = depth;
    }

    @Override
    public void accept(Object key, Object value) {
      if (!(key instanceof String k)) {
        throw new Invalid("non-string key " + key);
      }
      Object v;
      try {
        v = freezeValue(value, depth);
      } catch (Invalid problem) {
        throw problem.at("." + k);
      }
      if (2 * size == slots.length) { // a map that grew while being read: as many as it gives
        slots = java.util.Arrays.copyOf(slots, 4 * size + 2);
      }
      slots[2 * size] = FrozenKeys.of(k);
      slots[2 * size + 1] = v;
      size++;
      height = Math.max(height, 1 + height(v));
    }
  }

  private static int height(Object v) {
    return v instanceof FrozenMap m ? m.height : v instanceof FrozenList l ? l.height : 0;
  }

  private static Object freezeValue(Object v, int depth) {
    // Trees frozen already come first: exact class tests, where the interface tests below scan a
    // class's list of interfaces; readers hand over mostly these and strings.
    if (v instanceof FrozenMap m) {
      return freezeMap(m, depth + 1);
    }
    if (v instanceof FrozenList l && depth + l.height <= MAX_DEPTH) {
      return l;
    }
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long
        || v instanceof Double || v instanceof BigInteger || v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      return freezeMap(m, depth + 1);
    }
    if (v instanceof List<?> l) {
      if (l instanceof FrozenList frozen && depth + frozen.height <= MAX_DEPTH) {
        return frozen;
      }
      if (depth + 1 > MAX_DEPTH) {
        throw new Invalid("nesting deeper than " + MAX_DEPTH + " levels");
      }
      Object[] out = new Object[l.size()];
      int height = 1;
      for (int i = 0; i < out.length; i++) {
        try {
          out[i] = freezeValue(l.get(i), depth + 1);
        } catch (Invalid problem) {
          throw problem.at("[" + i + "]");
        }
        height = Math.max(height, 1 + height(out[i]));
      }
      return new FrozenList(out, height);
    }
    throw new Invalid("unsupported value of type " + v.getClass().getName());
  }
}
