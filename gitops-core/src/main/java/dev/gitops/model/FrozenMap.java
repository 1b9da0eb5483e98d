package dev.gitops.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
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
 */
final class FrozenMap extends AbstractMap<String, Object> {
  /** Up to this many entries a lookup scans them; beyond, it goes through {@link #index}. */
  private static final int SCAN = 8;

  private final Entry[] entries;
  /** Open addressing over {@link #entries}: position + 1, 0 for an empty slot; null for small maps. */
  private final int[] index;
  /** The deepest nesting of maps and lists in this map, itself counted: 1 without any. */
  final int height;
  private Set<Map.Entry<String, Object>> entrySet;

  /** @param entries the map's own array, not kept by anyone else; its first {@code size} used */
  FrozenMap(Entry[] entries, int size, int height) {
    Entry[] e = size == entries.length ? entries : java.util.Arrays.copyOf(entries, size);
    this.entries = e;
    this.height = height;
    if (size <= SCAN) {
      this.index = null;
    } else {
      int[] table = new int[Integer.highestOneBit(size * 2 - 1) << 1];
      int mask = table.length - 1;
      for (int i = 0; i < size; i++) {
        int slot = spread(e[i].hash) & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = i + 1;
      }
      this.index = table;
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private int find(Object key) {
    Entry[] e = entries;
    if (!(key instanceof String)) {
      return -1;
    }
    int h = key.hashCode(); // a string's is cached: comparing it first spares most equals calls
    if (index == null) {
      for (int i = 0; i < e.length; i++) {
        Entry x = e[i];
        if (x.hash == h && (x.key == key || x.key.equals(key))) {
          return i;
        }
      }
      return -1;
    }
    int mask = index.length - 1;
    for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
      int at = index[slot];
      if (at == 0) {
        return -1;
      }
      Entry x = e[at - 1];
      if (x.hash == h && x.key.equals(key)) {
        return at - 1;
      }
    }
  }

  @Override
  public int size() {
    return entries.length;
  }

  @Override
  public boolean isEmpty() {
    return entries.length == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public @Nullable Object get(Object key) {
    int i = find(key);
    return i < 0 ? null : entries[i].value;
  }

  @Override
  public @Nullable Object getOrDefault(Object key, @Nullable Object defaultValue) {
    int i = find(key);
    return i < 0 ? defaultValue : entries[i].value;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (Entry e : entries) {
      action.accept(e.key, e.value);
    }
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    Set<Map.Entry<String, Object>> s = entrySet;
    if (s == null) {
      s = new EntrySet();
      entrySet = s;
    }
    return s;
  }

  private final class EntrySet extends AbstractSet<Map.Entry<String, Object>> {
    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < entries.length;
        }

        @Override
        public Map.Entry<String, Object> next() {
          if (next >= entries.length) {
            throw new NoSuchElementException();
          }
          return entries[next++];
        }
      };
    }

    @Override
    public int size() {
      return entries.length;
    }

    @Override
    public boolean contains(Object o) {
      if (!(o instanceof Map.Entry<?, ?> e)) {
        return false;
      }
      int i = find(e.getKey());
      return i >= 0 && Objects.equals(entries[i].value, e.getValue());
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

  /** An entry; never modified. */
  static final class Entry implements Map.Entry<String, Object> {
    final String key;
    final @Nullable Object value;
    final int hash;

    Entry(String key, @Nullable Object value) {
      this.key = key;
      this.value = value;
      this.hash = key.hashCode();
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public @Nullable Object getValue() {
      return value;
    }

    @Override
    public Object setValue(Object value) {
      throw unmodifiable();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(value, e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ Objects.hashCode(value);
    }

    @Override
    public String toString() {
      return key + "=" + value;
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
