package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.gitops.cluster.LiveCache;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchListener;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches live objects through a {@link LiveCache} and re-diffs an object when it changes: each
 * cache event costs one map lookup, and, for a desired or inventory object, one diff after a short
 * debounce window in which further events for the same object are coalesced. Listeners hear of an
 * object when its diff differs from the last one reported (drift appearing, changing, settling).
 *
 * <pre>{@code
 * try (DriftDetector drift = DriftDetector.start(cache, Differ.of(cluster.schema(), DiffOptions.defaults()),
 *     DriftOptions.defaults(), diff -> log.info("{}: {}", diff.key(), diff.status()))) {
 *   drift.setDesired(manifests, inventory);
 *   drift.checkAll();
 * }
 * }</pre>
 */
public final class DriftDetector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DriftDetector.class);

  private final LiveCache cache;
  private final Differ differ;
  private final DriftOptions options;
  private final DriftListener listener;
  private final ScheduledExecutorService scheduler;
  private final Set<ObjectKey> pending = ConcurrentHashMap.newKeySet();
  private final Map<ObjectKey, ResourceDiff> current = new ConcurrentHashMap<>();
  private final AtomicLong diffs = new AtomicLong();
  private volatile Map<ObjectKey, Manifest> desired = Map.of();
  private volatile Set<ObjectKey> inventory = Set.of();
  private volatile boolean closed;

  private DriftDetector(LiveCache cache, Differ differ, DriftOptions options, DriftListener listener) {
    this.cache = requireNonNull(cache, "cache");
    this.differ = requireNonNull(differ, "differ");
    this.options = requireNonNull(options, "options");
    this.listener = requireNonNull(listener, "listener");
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        new ThreadFactoryBuilder().setNameFormat("drift-detector-%d").setDaemon(true).build());
  }

  /** Starts listening to the cache; nothing is diffed until {@link #setDesired} gives the desired set. */
  public static DriftDetector start(LiveCache cache, Differ differ, DriftOptions options, DriftListener listener) {
    DriftDetector d = new DriftDetector(cache, differ, options, listener);
    cache.addListener(new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        d.onEvent(event);
      }
    });
    return d;
  }

  /**
   * Replaces the desired set and the inventory (objects we applied before; those no longer desired
   * are reported {@link DiffStatus#EXTRA}). Objects are diffed as their change events arrive; call
   * {@link #checkAll()} to diff every one now, as after a new render.
   */
  public void setDesired(Collection<Manifest> manifests, Collection<ObjectKey> inventoryKeys) {
    Map<ObjectKey, Manifest> byKey = new HashMap<>();
    manifests.forEach(m -> byKey.put(m.key(), m));
    Set<ObjectKey> inv = new HashSet<>(inventoryKeys);
    Set<ObjectKey> before = new HashSet<>(desired.keySet());
    before.addAll(inventory);
    this.desired = Map.copyOf(byKey);
    this.inventory = Set.copyOf(inv);
    before.forEach(k -> {
      if (!byKey.containsKey(k) && !inv.contains(k)) {
        current.remove(k);
      }
    });
  }

  /** Diffs every desired and inventory object, debounced like change events. */
  public void checkAll() {
    desired.keySet().forEach(this::schedule);
    inventory.forEach(this::schedule);
  }

  /** The last diff of an object, if it is desired or in the inventory and has been diffed. */
  public Optional<ResourceDiff> current(ObjectKey key) {
    return Optional.ofNullable(current.get(key));
  }

  /** How many diffs this detector has performed; one per debounced change of a watched object. */
  public long diffCount() {
    return diffs.get();
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
  }

  private void onEvent(WatchEvent event) {
    ObjectKey key = event.object().key();
    if (desired.containsKey(key) || inventory.contains(key)) {
      schedule(key);
    }
  }

  private void schedule(ObjectKey key) {
    if (closed || !pending.add(key)) {
      return; // already due: that diff will read the latest state from the cache
    }
    scheduler.schedule(() -> check(key), options.debounce().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check(ObjectKey key) {
    pending.remove(key);
    try {
      Manifest m = desired.get(key);
      Optional<LiveObject> live = cache.get(key);
      ResourceDiff diff;
      if (m != null) {
        diff = differ.diff(m, live);
      } else if (inventory.contains(key) && live.isPresent()) {
        diff = differ.extra(live.get());
      } else {
        current.remove(key);
        return;
      }
      diffs.incrementAndGet();
      ResourceDiff before = current.put(key, diff);
      if (before == null || !sameDrift(before, diff)) {
        listener.onDrift(diff);
      }
    } catch (RuntimeException e) {
      LOG.warn("drift check of {} failed", key, e);
    }
  }

  private static boolean sameDrift(ResourceDiff a, ResourceDiff b) {
    return a.status() == b.status() && a.changes().equals(b.changes());
  }
}
