package dev.gitops.health;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.ObjectKey;
import dev.gitops.cluster.ForwardingCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster that records what the health waiter asks of it: reads, watches opened and still open,
 * and can end a watch with an error as a real API server may.
 */
final class ObservedCluster extends ForwardingCluster {
  final AtomicInteger gets = new AtomicInteger();
  final List<WatchRequest> watchesOpened = new CopyOnWriteArrayList<>();
  private final Map<WatchRequest, Ended> open = new ConcurrentHashMap<>();
  private final Semaphore watchStarted = new Semaphore(0);
  private final Semaphore read = new Semaphore(0);

  ObservedCluster(Cluster delegate) {
    super(delegate);
  }

  /** Waits until {@code n} more watches have started (or failed to). */
  void awaitWatches(int n) throws InterruptedException {
    if (!watchStarted.tryAcquire(n, 30, TimeUnit.SECONDS)) {
      throw new AssertionError("expected " + n + " watches to start; opened so far: " + watchesOpened);
    }
  }

  /** Waits until {@code n} more reads have happened. */
  void awaitReads(int n) throws InterruptedException {
    if (!read.tryAcquire(n, 30, TimeUnit.SECONDS)) {
      throw new AssertionError("expected " + n + " reads; got " + gets.get());
    }
  }

  /** The watches opened and not yet closed. */
  List<WatchRequest> openWatches() {
    return List.copyOf(open.keySet());
  }

  /** Ends a watch as the server would: no more events, then onClose with the cause. */
  void endWatch(WatchRequest request, ClusterException cause) {
    Ended w = open.remove(request);
    if (w == null) {
      throw new AssertionError("no open watch of " + request);
    }
    w.watch.close();
    w.listener.onClose(cause);
  }

  private record Ended(Watch watch, WatchListener listener) {}




  @Override
  public Optional<LiveObject> get(ObjectKey key) {
    try {
      return delegate().get(key);
    } finally {
      gets.incrementAndGet();
      read.release();
    }
  }




  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    try {
      Watch watch = delegate().watch(request, listener);
      watchesOpened.add(request);
      open.put(request, new Ended(watch, listener));
      return () -> {
        open.remove(request);
        watch.close();
      };
    } finally {
      watchStarted.release();
    }
  }

}
