package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.configMap;
import static dev.gitops.cluster.Fixtures.map;
import static dev.gitops.cluster.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveCacheTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

  private static final ObjectKey A = ObjectKey.of("v1", "ConfigMap", "apps", "a");
  private static final ObjectKey B = ObjectKey.of("v1", "ConfigMap", "apps", "b");

  private WatchEvent next() throws InterruptedException {
    WatchEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("an event within 10 s").isNotNull();
    return e;
  }

  private void apply(Manifest m) {
    cluster.apply(m, ApplyOptions.defaults());
  }

  @Test
  void existingObjectsAreCachedOnStartAndReportedOnce() throws Exception {
    apply(namespace("apps"));
    apply(configMap("apps", "a", map("k", "1")));

    try (LiveCache cache = LiveCache.builder(cluster).kind("", "ConfigMap").listener(events::add).start()) {
      assertThat(cache.awaitSynced(Duration.ofSeconds(10))).isTrue();

      assertThat(cache.get(A)).map(o -> o.get("data", "k").orElseThrow()).contains("1");
      assertThat(next().type()).isEqualTo(WatchEvent.Type.ADDED);
      Thread.sleep(200);
      assertThat(events).as("the watch's own initial ADDED is not reported again").isEmpty();
    }
  }

  @Test
  void changesArriveAsEventsAndNoOpAppliesDoNot() throws Exception {
    apply(namespace("apps"));
    try (LiveCache cache = LiveCache.builder(cluster).kind("", "ConfigMap").listener(events::add).start()) {
      cache.awaitSynced(Duration.ofSeconds(10));

      apply(configMap("apps", "a", map("k", "1")));
      assertThat(next().type()).isEqualTo(WatchEvent.Type.ADDED);
      apply(configMap("apps", "a", map("k", "1")));
      apply(configMap("apps", "a", map("k", "2")));
      WatchEvent modified = next();
      assertThat(modified.type()).isEqualTo(WatchEvent.Type.MODIFIED);
      assertThat(modified.object().get("data", "k")).contains("2");
      cluster.delete(A, DeleteOptions.defaults());
      assertThat(next().type()).isEqualTo(WatchEvent.Type.DELETED);

      assertThat(cache.get(A)).isEmpty();
      assertThat(events).isEmpty();
    }
  }

  @Test
  void resyncHealsEventsTheWatchMissed() throws Exception {
    apply(namespace("apps"));
    AtomicBoolean deaf = new AtomicBoolean();
    Cluster lossy = new ForwardingCluster(cluster) {
      @Override
      public Watch watch(WatchRequest request, WatchListener listener) {
        return super.watch(request, e -> {
          if (!deaf.get()) {
            listener.onEvent(e);
          }
        });
      }
    };
    try (LiveCache cache = LiveCache.builder(lossy).kind("", "ConfigMap").resyncPeriod(Duration.ZERO)
        .listener(events::add).start()) {
      cache.awaitSynced(Duration.ofSeconds(10));
      deaf.set(true);
      apply(configMap("apps", "b", map("k", "1")));
      Thread.sleep(200);
      assertThat(cache.get(B)).isEmpty();

      cache.resyncNow();

      assertThat(cache.get(B)).isPresent();
      assertThat(next().type()).isEqualTo(WatchEvent.Type.ADDED);
    }
  }

  @Test
  void aWatchThatEndsIsStartedAgain() throws Exception {
    apply(namespace("apps"));
    AtomicReference<WatchListener> current = new AtomicReference<>();
    Cluster flaky = new ForwardingCluster(cluster) {
      @Override
      public Watch watch(WatchRequest request, WatchListener listener) {
        current.set(listener);
        return super.watch(request, listener);
      }
    };
    try (LiveCache cache = LiveCache.builder(flaky).kind("", "ConfigMap").resyncPeriod(Duration.ZERO)
        .listener(events::add).start()) {
      cache.awaitSynced(Duration.ofSeconds(10));
      WatchListener first = current.get();

      first.onClose(new ClusterUnavailableException("connection lost", null));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (current.get() == first && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      apply(configMap("apps", "a", map("k", "1")));

      assertThat(current.get()).isNotSameAs(first);
      assertThat(next().object().key()).isEqualTo(A);
    }
  }
}
