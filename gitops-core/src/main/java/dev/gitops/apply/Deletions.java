package dev.gitops.apply;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.ObjectKey;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waits, on a watch rather than by polling, until an object is gone. */
final class Deletions {
  private Deletions() {}

  /**
   * Whether the object is gone within the timeout.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  static boolean awaitGone(Cluster cluster, ObjectKey key, Duration timeout) throws InterruptedException {
    CountDownLatch gone = new CountDownLatch(1);
    WatchListener listener = new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        if (event.type() == WatchEvent.Type.DELETED && event.object().key().equals(key)) {
          gone.countDown();
        }
      }

      @Override
      public void onClose(ClusterException cause) {
        gone.countDown(); // checked again below with a get
      }
    };
    try (Watch watch = cluster.watch(new WatchRequest(key.group(), key.kind(), key.namespace()), listener)) {
      // The watch is open: a deletion from now on is seen; one that happened before shows in the get.
      if (cluster.get(key).isEmpty()) {
        return true;
      }
      gone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    return cluster.get(key).isEmpty();
  }
}
