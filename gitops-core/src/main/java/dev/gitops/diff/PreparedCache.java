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
 */
final class PreparedCache<V> {
  /** Beyond this many entries the cache is cleared; a backstop, weak keys keep it small anyway. */
  static final int MAX_ENTRIES = 1 << 17;

  private final Map<Ref, V> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<Manifest> collected = new ReferenceQueue<>();

  V get(Manifest manifest, Function<Manifest, V> prepare) {
    V p = entries.get(new Ref(manifest, null));
    if (p != null) {
      return p;
    }
    expunge();
    p = prepare.apply(manifest);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(new Ref(manifest, collected), p);
    return p;
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
