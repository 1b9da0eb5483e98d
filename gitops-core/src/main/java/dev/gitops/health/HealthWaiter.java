package dev.gitops.health;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.UnknownResourceTypeException;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.ObjectKey;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, or waits for, the health of a set of objects in a cluster. Immutable and thread-safe;
 * it starts no threads of its own.
 *
 * <p>{@link #await} is driven by watches, never by polling: one watch per distinct group, kind
 * and namespace of the objects, each starting with the objects that exist, then every change. It
 * returns as soon as every object is ready ({@link HealthStatus#HEALTHY} or {@link
 * HealthStatus#SUSPENDED}) or any is {@link HealthStatus#DEGRADED}, otherwise at the timeout with
 * the health as it is then; what a timeout means is the caller's decision. Every watch is closed
 * before it returns.
 *
 * <ul>
 *   <li>A kind the cluster does not serve (a custom resource whose definition is not applied yet)
 *       makes its objects {@link HealthStatus#MISSING}; a watch on CustomResourceDefinitions
 *       notices definitions as they come, and the kind's watch is started then.
 *   <li>A watch that ends with an error falls back to one read of its objects (as {@link
 *       #current}); their health then stays as read until the timeout, when they are read once
 *       more. Changes of that kind in between are not seen.
 *   <li>Objects no watch has reported by the timeout are read once before returning.
 *   <li>An interrupt returns the health as the watches last reported it (objects not reported yet
 *       count as missing), with the thread's interrupt flag set again.
 * </ul>
 *
 * <pre>{@code
 * HealthWaiter waiter = HealthWaiter.builder(cluster).checks(myChecks).build();
 * ApplicationHealth health = waiter.await(appliedKeys, Duration.ofMinutes(5));
 * if (!health.status().isReady()) {
 *   health.unhealthy().forEach(o -> log.warn("{}", o));
 * }
 * }</pre>
 */
public final class HealthWaiter {
  private static final Logger LOG = LoggerFactory.getLogger(HealthWaiter.class);
  /**
   * The longest the waiter sleeps without looking at its clock again, so that a clock other than
   * the system's (a test's, moved by hand) is noticed. No cluster call is made on waking.
   */
  private static final long CLOCK_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final WatchRequest DEFINITIONS = WatchRequest.of("apiextensions.k8s.io", "CustomResourceDefinition");

  private final Cluster cluster;
  private final HealthChecks checks;
  private final Clock clock;

  private HealthWaiter(Builder b) {
    this.cluster = b.cluster;
    this.checks = b.checks;
    this.clock = b.clock;
  }

  /** A builder for waiting on this cluster, with the built-in checks and the system clock. */
  public static Builder builder(Cluster cluster) {
    return new Builder(cluster);
  }

  /**
   * The health of each object now: one read per object, or one list per kind and namespace that
   * holds many of them. An object whose kind the cluster does not
   * serve is {@link HealthStatus#MISSING}; one that cannot be read is {@link HealthStatus#UNKNOWN},
   * with the error in its message.
   *
   * @param keys the objects; duplicates count once, the order is kept
   */
  public ApplicationHealth current(Collection<ObjectKey> keys) {
    List<ObjectKey> objects = distinct(keys);
    // Many objects of one kind in one namespace: one list instead of a read each.
    Map<dev.gitops.cluster.ListRequest, List<ObjectKey>> byKind = new LinkedHashMap<>();
    for (ObjectKey k : objects) {
      byKind.computeIfAbsent(new dev.gitops.cluster.ListRequest(k.group(), k.kind(), k.namespace(), ""),
          r -> new ArrayList<>()).add(k);
    }
    Map<ObjectKey, Health> listed = new java.util.HashMap<>();
    for (Map.Entry<dev.gitops.cluster.ListRequest, List<ObjectKey>> e : byKind.entrySet()) {
      if (e.getValue().size() < LIST_THRESHOLD) {
        continue;
      }
      try {
        Map<ObjectKey, dev.gitops.cluster.LiveObject> live = new java.util.HashMap<>();
        cluster.list(e.getKey()).forEach(l -> live.put(l.key(), l));
        e.getValue().forEach(k -> listed.put(k, checks.assess(java.util.Optional.ofNullable(live.get(k)))));
      } catch (UnknownResourceTypeException x) {
        e.getValue().forEach(k -> listed.put(k, notServed(k)));
      } catch (ClusterException | IllegalArgumentException x) {
        // read one by one below, each with its own error
      }
    }
    List<ObjectHealth> out = new ArrayList<>();
    for (ObjectKey key : objects) {
      Health h = listed.get(key);
      out.add(new ObjectHealth(key, h != null ? h : read(key)));
    }
    return ApplicationHealth.of(out);
  }

  /** Objects of one kind and namespace from which on {@link #current} lists instead of reading each. */
  private static final int LIST_THRESHOLD = 16;

  /**
   * Waits until every object is ready or any is degraded, or the timeout passes, and returns the
   * health at that moment.
   *
   * @param keys the objects; duplicates count once, the order is kept
   * @param timeout how long to wait at most; zero reads the health once
   * @throws IllegalArgumentException if the timeout is negative
   */
  public ApplicationHealth await(Collection<ObjectKey> keys, Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    List<ObjectKey> objects = distinct(keys);
    if (objects.isEmpty()) {
      return ApplicationHealth.of(List.of());
    }
    Instant deadline;
    try {
      deadline = clock.instant().plus(timeout);
    } catch (DateTimeException | ArithmeticException e) {
      deadline = Instant.MAX; // a timeout past the end of time: wait for the outcome
    }
    Wait wait = new Wait(objects);
    try {
      return wait.run(deadline);
    } finally {
      wait.closeAll();
    }
  }

  private static List<ObjectKey> distinct(Collection<ObjectKey> keys) {
    requireNonNull(keys, "keys");
    List<ObjectKey> out = new ArrayList<>(new LinkedHashSet<>(keys));
    out.forEach(k -> requireNonNull(k, "key"));
    return out;
  }

  private Health read(ObjectKey key) {
    try {
      return checks.assess(cluster.get(key));
    } catch (UnknownResourceTypeException e) {
      return notServed(key);
    } catch (ClusterException | IllegalArgumentException e) {
      return Health.unknown("cannot read " + key + " from " + cluster.name() + ": " + e.getMessage());
    }
  }

  private static Health notServed(ObjectKey key) {
    return new Health(HealthStatus.MISSING, "kind " + key.kind()
        + (key.group().isEmpty() ? "" : " of group " + key.group()) + " is not served");
  }

  /** One call of {@link #await}: its watches and what they reported. */
  private final class Wait {
    private final List<ObjectKey> objects;
    private final Map<WatchRequest, Set<ObjectKey>> byRequest = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock: written by watch listeners.
    private final Map<ObjectKey, Health> reported = new HashMap<>();
    private final Set<WatchRequest> ended = new LinkedHashSet<>();
    private boolean definitionsChanged;
    // Used by the waiting thread only.
    private final Map<WatchRequest, Watch> open = new LinkedHashMap<>();
    private final Set<WatchRequest> notServed = new LinkedHashSet<>();
    private final Set<ObjectKey> readOnce = new HashSet<>();
    private Watch definitions;

    Wait(List<ObjectKey> objects) {
      this.objects = objects;
      for (ObjectKey key : objects) {
        byRequest.computeIfAbsent(new WatchRequest(key.group(), key.kind(), key.namespace()),
            r -> new HashSet<>()).add(key);
      }
    }

    ApplicationHealth run(Instant deadline) {
      byRequest.keySet().forEach(this::start);
      while (true) {
        Set<WatchRequest> failed;
        boolean retry;
        lock.lock();
        try {
          ApplicationHealth now = snapshot();
          if (now.status().isReady() || now.status() == HealthStatus.DEGRADED) {
            return now;
          }
          failed = new LinkedHashSet<>(ended);
          ended.clear();
          retry = definitionsChanged && !notServed.isEmpty();
          definitionsChanged = false;
          if (failed.isEmpty() && !retry) {
            long remaining = nanosUntil(deadline);
            if (remaining <= 0) {
              break;
            }
            changed.awaitNanos(Math.min(remaining, CLOCK_RECHECK_NANOS));
            continue;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return snapshot();
        } finally {
          lock.unlock();
        }
        // Cluster calls outside the lock, so listeners are never held up by them.
        for (WatchRequest request : failed) {
          close(open.remove(request));
          readAll(request);
        }
        if (retry) {
          List<WatchRequest> again = new ArrayList<>(notServed);
          notServed.clear();
          again.forEach(this::start);
        }
      }
      // The timeout: read what the watches cannot vouch for, once.
      for (ObjectKey key : objects) {
        boolean unreported;
        lock.lock();
        try {
          unreported = !reported.containsKey(key);
        } finally {
          lock.unlock();
        }
        if (unreported || readOnce.contains(key) || notServed.contains(requestOf(key))) {
          report(key, read(key));
        }
      }
      lock.lock();
      try {
        return snapshot();
      } finally {
        lock.unlock();
      }
    }

    private long nanosUntil(Instant deadline) {
      if (deadline.equals(Instant.MAX)) {
        return Long.MAX_VALUE;
      }
      try {
        return Duration.between(clock.instant(), deadline).toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }

    private WatchRequest requestOf(ObjectKey key) {
      return new WatchRequest(key.group(), key.kind(), key.namespace());
    }

    /** Starts the watch of one request; falls back as the class documentation says. */
    private void start(WatchRequest request) {
      try {
        open.put(request, cluster.watch(request, listener(request)));
      } catch (UnknownResourceTypeException e) {
        notServed.add(request);
        byRequest.get(request).forEach(key -> report(key, notServed(key)));
        watchDefinitions();
      } catch (ClusterException | IllegalArgumentException e) {
        LOG.debug("{}: cannot watch {}; reading its objects once instead: {}", cluster.name(), request, e.getMessage());
        readAll(request);
      }
    }

    private void watchDefinitions() {
      if (definitions != null) {
        return;
      }
      try {
        definitions = cluster.watch(DEFINITIONS, event -> {
          lock.lock();
          try {
            definitionsChanged = true;
            changed.signalAll();
          } finally {
            lock.unlock();
          }
        });
      } catch (ClusterException e) {
        // Without it, objects of kinds not served stay missing until the timeout reads them.
        LOG.debug("{}: cannot watch custom resource definitions: {}", cluster.name(), e.getMessage());
      }
    }

    private WatchListener listener(WatchRequest request) {
      Set<ObjectKey> wanted = byRequest.get(request);
      return new WatchListener() {
        @Override
        public void onEvent(WatchEvent event) {
          ObjectKey key = event.object().key();
          if (wanted.contains(key)) {
            report(key, event.type() == WatchEvent.Type.DELETED ? Health.missing() : checks.assess(event.object()));
          }
        }

        @Override
        public void onClose(ClusterException cause) {
          LOG.debug("{}: watch of {} ended: {}", cluster.name(), request, cause.getMessage());
          lock.lock();
          try {
            ended.add(request);
            changed.signalAll();
          } finally {
            lock.unlock();
          }
        }
      };
    }

    private void readAll(WatchRequest request) {
      for (ObjectKey key : byRequest.get(request)) {
        readOnce.add(key);
        report(key, read(key));
      }
    }

    private void report(ObjectKey key, Health health) {
      lock.lock();
      try {
        reported.put(key, health);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** The health as reported so far; called holding the lock. */
    private ApplicationHealth snapshot() {
      List<ObjectHealth> out = new ArrayList<>(objects.size());
      for (ObjectKey key : objects) {
        out.add(new ObjectHealth(key, reported.getOrDefault(key, Health.missing())));
      }
      return ApplicationHealth.of(out);
    }

    void closeAll() {
      open.values().forEach(this::close);
      open.clear();
      close(definitions);
      definitions = null;
    }

    private void close(Watch watch) {
      if (watch == null) {
        return;
      }
      try {
        watch.close();
      } catch (RuntimeException e) {
        LOG.warn("{}: closing a health watch failed", cluster.name(), e);
      }
    }
  }

  /** Builds a {@link HealthWaiter}. Not thread-safe. */
  public static final class Builder {
    private final Cluster cluster;
    private HealthChecks checks = HealthChecks.builtIns();
    private Clock clock = Clock.systemUTC();

    private Builder(Cluster cluster) {
      this.cluster = requireNonNull(cluster, "cluster");
    }

    /** The checks that assess each object; {@link HealthChecks#builtIns()} by default. */
    public Builder checks(HealthChecks checks) {
      this.checks = requireNonNull(checks, "checks");
      return this;
    }

    /** The clock the timeout is measured on; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The waiter as configured. */
    public HealthWaiter build() {
      return new HealthWaiter(this);
    }
  }
}
