package dev.gitops.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The open watches of one cluster and the fan-out of committed changes to them. Package-private. */
final class WatchHub {
  private final String cluster;
  private final List<InMemoryWatch> watches = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  WatchHub(String cluster) {
    this.cluster = cluster;
  }

  /**
   * Opens a watch that first sees an ADDED event for each of {@code existing} (as a Kubernetes
   * watch without a resourceVersion does), then every later change.
   */
  Watch open(WatchRequest request, WatchListener listener, List<LiveObject> existing) {
    String thread = "in-memory-cluster-" + cluster + "-watch-" + ids.incrementAndGet();
    InMemoryWatch watch = new InMemoryWatch(thread, request, listener, watches::remove);
    existing.forEach(o -> watch.deliver(new WatchEvent(WatchEvent.Type.ADDED, o)));
    watches.add(watch);
    return watch;
  }

  void publish(WatchEvent.Type type, LiveObject object) {
    WatchEvent event = new WatchEvent(type, object);
    for (InMemoryWatch w : watches) {
      if (w.matches(object)) {
        w.deliver(event);
      }
    }
  }

  /** Ends the watches of a kind that is no longer served. */
  void endKind(String group, String kind, ClusterException cause) {
    for (InMemoryWatch w : watches) {
      if (w.watchesKind(group, kind)) {
        w.end(cause);
      }
    }
  }
}
