package dev.gitops.diff;

import dev.gitops.model.Manifest;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a diff derives from the desired side alone, per {@link Manifest} instance (by identity, weakly held):
 * a manifest is immutable, and the drift detector diffs the same one on every change of its live
 * object. Entries go when their manifest is collected. Thread-safe.
 *
 * <p>A value is kept from a manifest's second use on; the first only marks the manifest. A render
 * of thousands of objects diffed once each (a plan) would otherwise keep a value per object until
 * the collector finds its manifest gone, and that memory, copied from one generation of the heap
 * to the next, cost more than the values saved. The price is one more preparation per manifest
 * that is used again.
 */
final class PreparedCache<V> {
  /** Beyond this many entries the cache is cleared; a backstop, weak keys keep it small anyway. */
  static final int MAX_ENTRIES = 1 << 17;

  /** The value of a manifest used once so far. */
  private static final Object SEEN = new Object();

  private final Map<Ref, Object> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<Manifest> collected = new ReferenceQueue<>();

  @SuppressWarnings("unchecked")
  V get(Manifest manifest, Function<Manifest, V> prepare) {
    Object p = entries.get(new Ref(manifest, null));
    if (p != null && p != SEEN) {
      return (V) p;
    }
    expunge();
    V v = prepare.apply(manifest);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(new Ref(manifest, collected), p == SEEN ? v : SEEN);
    return v;
  }

  /**
   * Marks a manifest used and tells whether this is its first use; its value is then prepared on
   * its second use ({@link #get}).
   */
  boolean firstUse(Manifest manifest) {
    if (entries.get(new Ref(manifest, null)) != null) {
      return false;
    }
    expunge();
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(new Ref(manifest, collected), SEEN);
    return true;
  }

  int size() {
    expunge();
    return entries.size();
  }

  private void expunge() {
    for (Object r; (r = collected.poll()) != null; ) {
      entries.remove(r);
    }
  }

  /** A weak key compared by the identity of its referent. */
  private static final class Ref extends WeakReference<Manifest> {
    private final int hash;

    Ref(Manifest m, ReferenceQueue<Manifest> queue) {
      super(m, queue);
      this.hash = System.identityHashCode(m);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Ref r)) {
        return false;
      }
      Manifest m = get();
      return m != null && m == r.get();
    }
  }
}
