package dev.gitops.engine;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.ObjectKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Notices live changes from watches, one per kind, so that an automated sync whose commit and
 * live objects are unchanged can be answered without reading the cluster. A {@link Token} stands
 * for one armed result: it is registered for the keys of its plan before the plan reads them,
 * and any event for one of those keys, a watch that ends, or a watch that had to be started for
 * it marks it changed. Spurious marks only cost a full sync; a change is never missed, because
 * every write after registration produces an event on a watch that already ran. Package-private.
 */
final class LiveChanges implements AutoCloseable {
  private final Cluster cluster;
  private final Map<WatchRequest, Watch> watches = new ConcurrentHashMap<>();
  private final Map<ObjectKey, Set<Token>> interested = new ConcurrentHashMap<>();
  private final Set<Token> tokens = ConcurrentHashMap.newKeySet();

  LiveChanges(Cluster cluster) {
    this.cluster = cluster;
  }

  /** One armed result; {@link #changed()} once anything it covers may have changed. */
  static final class Token {
    private final AtomicBoolean changed = new AtomicBoolean();
    private Set<ObjectKey> keys = Set.of();

    boolean changed() {
      return changed.get();
    }

    void mark() {
      changed.set(true);
    }
  }

  /**
   * A token for these keys. Watches of their kinds are started where missing; a token that
   * needed a new watch starts out changed (the watch's start races with earlier writes).
   */
  Token register(Set<ObjectKey> keys) {
    Token t = new Token();
    t.keys = Set.copyOf(keys);
    tokens.add(t);
    for (ObjectKey k : keys) {
      interested.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(t);
    }
    for (ObjectKey k : keys) {
      WatchRequest kind = WatchRequest.of(k.group(), k.kind());
      if (!watches.containsKey(kind)) {
        t.mark();
        start(kind);
      }
    }
    return t;
  }

  /** Forgets a token that is no longer used. */
  void release(Token t) {
    tokens.remove(t);
    for (ObjectKey k : t.keys) {
      Set<Token> s = interested.get(k);
      if (s != null) {
        s.remove(t);
        if (s.isEmpty()) {
          interested.remove(k, s);
        }
      }
    }
  }

  private void start(WatchRequest kind) {
    try {
      watches.computeIfAbsent(kind, k -> cluster.watch(k, new WatchListener() {
        @Override
        public void onEvent(WatchEvent event) {
          Set<Token> s = interested.get(event.object().key());
          if (s != null) {
            s.forEach(Token::mark);
          }
        }

        @Override
        public void onClose(ClusterException cause) {
          watches.remove(k);
          tokens.forEach(Token::mark); // events may have been lost
        }
      }));
    } catch (RuntimeException e) {
      // A kind not served yet (a definition of this very sync): no watch, so no fast answer.
    }
  }

  @Override
  public void close() {
    watches.values().forEach(Watch::close);
    watches.clear();
    tokens.forEach(Token::mark);
  }
}
