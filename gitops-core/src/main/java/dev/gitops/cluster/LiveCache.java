package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.gitops.model.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live, watch-fed copy of chosen kinds of a {@link Cluster}: reads without a round trip, and
 * change events without rescanning. Each kind is listed once, then kept current by a watch; a
 * watch that ends is started again, and a periodic resync lists every kind again and turns any
 * difference into events, so a missed event heals within one resync period.
 *
 * <p>Listeners get an event only when the cache changes: ADDED for a new object, MODIFIED when
 * its resourceVersion changed, DELETED when it is gone. They are called one at a time, in order,
 * and should return quickly.
 *
 * <pre>{@code
 * try (LiveCache cache = LiveCache.builder(cluster).kind("apps", "Deployment").kind("", "Service")
 *     .resyncPeriod(Duration.ofMinutes(10)).listener(e -> drift.recheck(e.object().key())).start()) {
 *   cache.awaitSynced(Duration.ofSeconds(30));
 *   Optional<LiveObject> live = cache.get(key);
 * }
 * }</pre>
 */
public final class LiveCache implements AutoCloseable {
  /** Default for {@link Builder#resyncPeriod(Duration)}. */
  public static final Duration DEFAULT_RESYNC_PERIOD = Duration.ofMinutes(10);
  private static final Duration RESTART_DELAY = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(LiveCache.class);

  private final Cluster cluster;
  private final List<WatchRequest> kinds;
  private final Duration resyncPeriod;
  private final List<WatchListener> listeners;
  private final Map<ObjectKey, LiveObject> objects = new ConcurrentHashMap<>();
  private final Map<WatchRequest, Watch> watches = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final CountDownLatch synced = new CountDownLatch(1);
  private volatile boolean closed;

  private LiveCache(Builder b) {
    this.cluster = b.cluster;
    this.kinds = List.copyOf(b.kinds);
    this.resyncPeriod = b.resyncPeriod;
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("live-cache-" + cluster.name()).setDaemon(true).build());
  }

  public static Builder builder(Cluster cluster) {
    return new Builder(cluster);
  }

  private LiveCache startCache() {
    scheduler.execute(() -> {
      for (WatchRequest kind : kinds) {
        relist(kind);
        startWatch(kind);
      }
      synced.countDown();
    });
    if (!resyncPeriod.isZero()) {
      long ms = resyncPeriod.toMillis();
      scheduler.scheduleWithFixedDelay(this::resyncNow, ms, ms, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** Waits until every kind has been listed once; false if that did not happen in time. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The cached object, if present. */
  public Optional<LiveObject> get(ObjectKey key) {
    return Optional.ofNullable(objects.get(key));
  }

  /** Cached objects of one kind, sorted by key. */
  public List<LiveObject> list(String group, String kind) {
    List<LiveObject> out = new ArrayList<>();
    for (LiveObject o : objects.values()) {
      if (o.key().group().equals(group) && o.key().kind().equals(kind)) {
        out.add(o);
      }
    }
    out.sort((a, b) -> a.key().compareTo(b.key()));
    return out;
  }

  /** How many objects the cache holds. */
  public int size() {
    return objects.size();
  }

  /** Adds a listener for changes from now on. */
  public void addListener(WatchListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /** Lists every kind again now and turns differences into events; also runs periodically. */
  public void resyncNow() {
    for (WatchRequest kind : kinds) {
      if (!closed) {
        relist(kind);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    watches.values().forEach(Watch::close);
    watches.clear();
    scheduler.shutdownNow();
  }

  private void relist(WatchRequest kind) {
    List<LiveObject> now;
    try {
      now = cluster.list(new ListRequest(kind.group(), kind.kind(), kind.namespace(), ""));
    } catch (UnknownResourceTypeException e) {
      now = List.of(); // the kind is not served (yet, or any more): nothing of it exists
    } catch (ClusterException e) {
      LOG.warn("{}: cannot list {} for the live cache; keeping what it holds: {}",
          cluster.name(), kind, e.getMessage());
      return;
    }
    Set<ObjectKey> present = new HashSet<>();
    for (LiveObject o : now) {
      present.add(o.key());
      update(WatchEvent.Type.MODIFIED, o);
    }
    Set<ObjectKey> gone = new LinkedHashSet<>();
    for (LiveObject o : objects.values()) {
      if (inKind(kind, o) && !present.contains(o.key())) {
        gone.add(o.key());
      }
    }
    for (ObjectKey key : gone) {
      LiveObject last = objects.get(key);
      if (last != null) {
        update(WatchEvent.Type.DELETED, last);
      }
    }
  }

  private void startWatch(WatchRequest kind) {
    if (closed) {
      return;
    }
    try {
      watches.put(kind, cluster.watch(kind, new WatchListener() {
        @Override
        public void onEvent(WatchEvent event) {
          update(event.type(), event.object());
        }

        @Override
        public void onClose(ClusterException cause) {
          watches.remove(kind);
          if (!closed) {
            // Start again; the relist heals anything missed while no watch ran.
            scheduler.schedule(() -> {
              relist(kind);
              startWatch(kind);
            }, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
          }
        }
      }));
    } catch (ClusterException e) {
      LOG.debug("{}: cannot watch {} now, trying again: {}", cluster.name(), kind, e.getMessage());
      scheduler.schedule(() -> {
        relist(kind);
        startWatch(kind);
      }, (resyncPeriod.isZero() ? RESTART_DELAY : min(resyncPeriod, Duration.ofSeconds(30))).toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  // One change at a time, so listeners see a consistent order.
  private synchronized void update(WatchEvent.Type type, LiveObject object) {
    ObjectKey key = object.key();
    LiveObject before = objects.get(key);
    WatchEvent.Type emitted;
    if (type == WatchEvent.Type.DELETED) {
      if (before == null) {
        return;
      }
      objects.remove(key);
      emitted = WatchEvent.Type.DELETED;
    } else {
      if (before != null && before.resourceVersion().equals(object.resourceVersion())) {
        return;
      }
      objects.put(key, object);
      emitted = before == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED;
    }
    WatchEvent event = new WatchEvent(emitted, object);
    for (WatchListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("{}: live cache listener failed on {} {}", cluster.name(), emitted, key, e);
      }
    }
  }

  private static boolean inKind(WatchRequest kind, LiveObject o) {
    return o.key().group().equals(kind.group()) && o.key().kind().equals(kind.kind())
        && (kind.namespace().isEmpty() || kind.namespace().equals(o.key().namespace()));
  }

  /** Options of a {@link LiveCache}. */
  public static final class Builder {
    private final Cluster cluster;
    private final List<WatchRequest> kinds = new ArrayList<>();
    private final List<WatchListener> listeners = new ArrayList<>();
    private Duration resyncPeriod = DEFAULT_RESYNC_PERIOD;

    private Builder(Cluster cluster) {
      this.cluster = requireNonNull(cluster, "cluster");
    }

    /** Caches every object of a kind. */
    public Builder kind(String group, String kind) {
      return kind(WatchRequest.of(group, kind));
    }

    /** Caches the objects of a kind, optionally in one namespace. */
    public Builder kind(WatchRequest request) {
      kinds.add(requireNonNull(request, "request"));
      return this;
    }

    /** How often every kind is listed again; zero turns periodic resync off. Default 10 min. */
    public Builder resyncPeriod(Duration period) {
      requireNonNull(period, "period");
      if (period.isNegative()) {
        throw new IllegalArgumentException("resyncPeriod must not be negative: " + period);
      }
      this.resyncPeriod = period;
      return this;
    }

    public Builder listener(WatchListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** Starts listing and watching in the background; see {@link LiveCache#awaitSynced}. */
    public LiveCache start() {
      if (kinds.isEmpty()) {
        throw new IllegalStateException("a live cache needs at least one kind");
      }
      Map<WatchRequest, Boolean> unique = new HashMap<>();
      for (WatchRequest k : kinds) {
        if (unique.put(k, Boolean.TRUE) != null) {
          throw new IllegalArgumentException("kind given twice: " + k);
        }
      }
      return new LiveCache(this).startCache();
    }
  }
}
