package dev.gitops.model;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The maps of frozen trees ({@link ObjectTree#freeze}): insertion ordered, unmodifiable, and about
 * a third of the size of an unmodifiable {@code LinkedHashMap}, since every manifest and live
 * object is made of them. Being ours and immutable, they are frozen again without a copy. Every
 * mutator throws {@link UnsupportedOperationException}, whether or not it would change anything,
 * as {@code Collections.unmodifiableMap} does.
 *
 * <p>Keys and values sit side by side in one array (large maps keep their keys' hashes and an
 * index in another), with no object per entry: a lookup reads an array rather than an object per
 * field it passes, which matters most for the trees not in cache (one live object of thousands)
 * and for the garbage collector, which copies every one of them. Entries are made only for {@link
 * #entrySet}.
 */
final class FrozenMap implements Map<String, Object> {
  /** Up to this many entries a lookup scans them; beyond, it goes through {@link #index}. */
  private static final int SCAN = 8;
  private static final Object[] NO_SLOTS = {};

  /** Key {@code i} at {@code 2 * i}, its value at {@code 2 * i + 1}. */
  private final Object[] slots;
  /**
   * For maps over {@link #SCAN} entries, the keys' hashes (entry {@code i}'s at {@code i}), which a
   * lookup compares before any key's characters, followed by a table of open addressing over the
   * entries (position + 1, 0 for an empty slot). Null for small maps, whose keys (shared instances
   * mostly, their hashes cached) are compared directly. One array and no more fields: a map object
   * is as small as it can be, since trees are made of many.
   */
  private final int @Nullable [] index;
  /** The deepest nesting of maps and lists in this map, itself counted: 1 without any. */
  final int height;

  /**
   * @param slots keys (strings) and values alternating, the map's own array, not kept by anyone
   *     else; its first {@code 2 * size} used
   */
  FrozenMap(Object[] slots, int size, int height) {
    this.slots = size == 0 ? NO_SLOTS : 2 * size == slots.length ? slots : Arrays.copyOf(slots, 2 * size);
    this.height = height;
    if (size <= SCAN) {
      this.index = null;
    } else {
      int tableSize = Integer.highestOneBit(size * 2 - 1) << 1;
      int[] index = new int[size + tableSize];
      for (int i = 0; i < size; i++) {
        index[i] = slots[2 * i].hashCode();
      }
      int mask = tableSize - 1;
      for (int i = 0; i < size; i++) {
        int slot = spread(index[i]) & mask;
        while (index[size + slot] != 0) {
          slot = (slot + 1) & mask;
        }
        index[size + slot] = i + 1;
      }
      this.index = index;
    }
  }

  /** Key {@code i}, in insertion order. */
  String keyAt(int i) {
    return (String) slots[2 * i];
  }

  /** Value {@code i}, in insertion order. */
  @Nullable Object valueAt(int i) {
    return slots[2 * i + 1];
  }

  /** Key {@code i}'s hash. */
  private int hash(int i) {
    int[] index = this.index;
    return index != null ? index[i] : slots[2 * i].hashCode();
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private int find(Object key) {
    Object[] s = slots;
    int[] index = this.index;
    if (index == null) {
      // Readers share key instances (and so do copies of a tree): most hits are found by identity,
      // without reading the key at all.
      for (int i = 0; i < s.length; i += 2) {
        if (s[i] == key) {
          return i >> 1;
        }
      }
      if (!(key instanceof String)) {
        return -1;
      }
      int h = key.hashCode();
      for (int i = 0; i < s.length; i += 2) {
        if (s[i].hashCode() == h && key.equals(s[i])) {
          return i >> 1;
        }
      }
      return -1;
    }
    if (!(key instanceof String)) {
      return -1;
    }
    int h = key.hashCode();
    int size = s.length >> 1;
    int mask = index.length - size - 1;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      int at = index[size + slot] - 1;
      if (at < 0) {
        return -1;
      }
      if (index[at] == h && (s[2 * at] == key || key.equals(s[2 * at]))) {
        return at;
      }
    }
  }

  /** The first key equal to an earlier one, or null if all are distinct. */
  @Nullable String duplicateKey() {
    for (int i = 0, n = size(); i < n; i++) {
      if (index != null ? find(slots[2 * i]) != i : firstOf(i) != i) {
        return (String) slots[2 * i];
      }
    }
    return null;
  }

  /** The first position holding key {@code i}'s equal, by hash then content. */
  private int firstOf(int i) {
    Object key = slots[2 * i];
    for (int j = 0; j < i; j++) {
      if (hash(j) == hash(i) && key.equals(slots[2 * j])) {
        return j;
      }
    }
    return i;
  }

  @Override
  public int size() {
    return slots.length >> 1;
  }

  @Override
  public boolean isEmpty() {
    return slots.length == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public boolean containsValue(Object value) {
    for (int i = 1; i < slots.length; i += 2) {
      if (Objects.equals(value, slots[i])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public @Nullable Object get(Object key) {
    int i = find(key);
    return i < 0 ? null : slots[2 * i + 1];
  }

  @Override
  public @Nullable Object getOrDefault(Object key, @Nullable Object defaultValue) {
    int i = find(key);
    return i < 0 ? defaultValue : slots[2 * i + 1];
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    Object[] s = slots;
    for (int i = 0; i < s.length; i += 2) {
      action.accept((String) s[i], s[i + 1]);
    }
  }

  /** As {@link Map#equals} specifies, without an entry per field. */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> m) || m.size() != size()) {
      return false;
    }
    try {
      for (int i = 0; i < slots.length; i += 2) {
        Object key = slots[i];
        Object value = slots[i + 1];
        if (value == null ? m.get(key) != null || !m.containsKey(key) : !value.equals(m.get(key))) {
          return false;
        }
      }
    } catch (ClassCastException | NullPointerException unused) { // maps that refuse such keys: not equal
      return false;
    }
    return true;
  }

  /** As maps of the JDK print: {@code {key=value, ...}}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder().append('{');
    for (int i = 0; i < slots.length; i += 2) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(slots[i]).append('=').append(slots[i + 1]);
    }
    return out.append('}').toString();
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0, n = size(); i < n; i++) {
      h += hash(i) ^ Objects.hashCode(slots[2 * i + 1]);
    }
    return h;
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Cursor<>(0);
      }

      @Override
      public int size() {
        return slots.length >> 1;
      }

      @Override
      public boolean contains(Object o) {
        return find(o) >= 0;
      }

      @Override
      public void clear() {
        throw unmodifiable();
      }
    };
  }

  @Override
  public Collection<Object> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<Object> iterator() {
        return new Cursor<>(1);
      }

      @Override
      public int size() {
        return slots.length >> 1;
      }

      @Override
      public void clear() {
        throw unmodifiable();
      }
    };
  }

  /** The keys ({@code part} 0) or the values (1), straight from {@link #slots}. */
  private final class Cursor<T> implements Iterator<T> {
    private int next;

    Cursor(int part) {
      this.next = part;
    }

    @Override
    public boolean hasNext() {
      return next < slots.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
      int i = next;
      if (i >= slots.length) {
        throw new NoSuchElementException();
      }
      next = i + 2;
      return (T) slots[i];
    }
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new EntrySet(); // no state: cheaper made than kept in every map
  }

  private final class EntrySet extends AbstractSet<Map.Entry<String, Object>> {
    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < slots.length;
        }

        @Override
        public Map.Entry<String, Object> next() {
          int i = next;
          if (i >= slots.length) {
            throw new NoSuchElementException();
          }
          next = i + 2;
          return new AbstractMap.SimpleImmutableEntry<>((String) slots[i], slots[i + 1]);
        }
      };
    }

    @Override
    public int size() {
      return slots.length >> 1;
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry<?, ?> e)) {
        return false;
      }
      int i = find(e.getKey());
      return i >= 0 && Objects.equals(slots[2 * i + 1], e.getValue());
    }

    @Override
    public boolean add(Map.Entry<String, Object> e) {
      throw unmodifiable();
    }

    @Override
    public boolean remove(Object o) {
      throw unmodifiable();
    }

    @Override
    public boolean addAll(Collection<? extends Map.Entry<String, Object>> c) {
      throw unmodifiable();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
      throw unmodifiable();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
      throw unmodifiable();
    }

    @Override
    public boolean removeIf(java.util.function.Predicate<? super Map.Entry<String, Object>> filter) {
      throw unmodifiable();
    }

    @Override
    public void clear() {
      throw unmodifiable();
    }
  }

  private static UnsupportedOperationException unmodifiable() {
    return new UnsupportedOperationException();
  }

  @Override
  public Object put(String key, Object value) {
    throw unmodifiable();
  }

  @Override
  public Object remove(Object key) {
    throw unmodifiable();
  }

  @Override
  public void putAll(Map<? extends String, ?> m) {
    throw unmodifiable();
  }

  @Override
  public void clear() {
    throw unmodifiable();
  }

  @Override
  public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
    throw unmodifiable();
  }

  @Override
  public Object putIfAbsent(String key, Object value) {
    throw unmodifiable();
  }

  @Override
  public boolean remove(Object key, Object value) {
    throw unmodifiable();
  }

  @Override
  public boolean replace(String key, Object oldValue, Object newValue) {
    throw unmodifiable();
  }

  @Override
  public Object replace(String key, Object value) {
    throw unmodifiable();
  }

  @Override
  public Object computeIfAbsent(String key, Function<? super String, ?> mappingFunction) {
    throw unmodifiable();
  }

  @Override
  public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
    throw unmodifiable();
  }

  @Override
  public Object compute(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
    throw unmodifiable();
  }

  @Override
  public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remappingFunction) {
    throw unmodifiable();
  }
}
