package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.by;
import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveCache;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DriftDetectorTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final Differ differ = Differ.of(cluster.schema(), DiffOptions.defaults());

  private static Manifest configMap(int i, String value) {
    return manifest("cm/" + i + ".yaml", 1, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm-%d, namespace: default}
        data: {value: "%s"}
        """.formatted(i, value));
  }

  @Test
  void driftIsReportedAndSettlesWithCoalescedBursts() throws Exception {
    Manifest desired = configMap(1, "a");
    cluster.apply(desired, ApplyOptions.defaults());
    BlockingQueue<ResourceDiff> events = new LinkedBlockingQueue<>();
    try (LiveCache cache = LiveCache.builder(cluster).kind("", "ConfigMap").resyncPeriod(Duration.ZERO).start();
        DriftDetector drift = DriftDetector.start(cache, differ,
            DriftOptions.defaults().withDebounce(Duration.ofMillis(300)), events::add)) {
      assertThat(cache.awaitSynced(Duration.ofSeconds(10))).isTrue();
      drift.setDesired(List.of(desired), List.of());
      drift.checkAll();
      assertThat(events.poll(5, TimeUnit.SECONDS).status()).isEqualTo(DiffStatus.IN_SYNC);
      long before = drift.diffCount();

      // A burst of five edits inside the window: one diff, of the last state.
      for (int v = 0; v < 5; v++) {
        cluster.apply(configMap(1, "edit" + v), by("kubectl-edit").withForce(true));
      }
      ResourceDiff drifted = events.poll(5, TimeUnit.SECONDS);
      assertThat(drifted.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
      assertThat(drifted.changes()).singleElement().satisfies(c -> {
        assertThat(c.live()).isEqualTo("edit4");
        assertThat(c.reason().detail()).contains("kubectl-edit");
      });
      assertThat(drift.diffCount() - before).isEqualTo(1);

      cluster.apply(desired, ApplyOptions.defaults().withForce(true));
      assertThat(events.poll(5, TimeUnit.SECONDS).status()).isEqualTo(DiffStatus.IN_SYNC);
      assertThat(drift.current(desired.key()).orElseThrow().isInSync()).isTrue();
    }
  }

  @Test
  void inventoryObjectNoLongerDesiredIsExtra() throws Exception {
    Manifest old = configMap(2, "x");
    cluster.apply(old, ApplyOptions.defaults());
    BlockingQueue<ResourceDiff> events = new LinkedBlockingQueue<>();
    try (LiveCache cache = LiveCache.builder(cluster).kind("", "ConfigMap").resyncPeriod(Duration.ZERO).start();
        DriftDetector drift = DriftDetector.start(cache, differ,
            DriftOptions.defaults().withDebounce(Duration.ZERO), events::add)) {
      assertThat(cache.awaitSynced(Duration.ofSeconds(10))).isTrue();
      drift.setDesired(List.of(configMap(3, "y")), List.of(old.key()));
      drift.checkAll();
      List<DiffStatus> statuses = new ArrayList<>();
      statuses.add(events.poll(5, TimeUnit.SECONDS).status());
      statuses.add(events.poll(5, TimeUnit.SECONDS).status());
      assertThat(statuses).containsExactlyInAnyOrder(DiffStatus.EXTRA, DiffStatus.MISSING);
    }
  }

  @Test
  void oneWatchEventAmong50000CachedObjectsCostsExactlyOneDiff() throws Exception {
    int n = 50_000;
    List<Manifest> desired = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Manifest m = configMap(i, "v");
      desired.add(m);
      cluster.apply(m, ApplyOptions.defaults());
    }
    BlockingQueue<ResourceDiff> events = new LinkedBlockingQueue<>();
    try (LiveCache cache = LiveCache.builder(cluster).kind("", "ConfigMap").resyncPeriod(Duration.ZERO).start();
        DriftDetector drift = DriftDetector.start(cache, differ,
            DriftOptions.defaults().withDebounce(Duration.ofMillis(50)), events::add)) {
      assertThat(cache.awaitSynced(Duration.ofSeconds(60))).isTrue();
      assertThat(cache.size()).isEqualTo(n);
      // The desired set is known, but nothing has changed: no diff yet.
      drift.setDesired(desired, List.of());
      assertThat(drift.diffCount()).isZero();

      cluster.apply(configMap(12_345, "changed"), by("kubectl-edit").withForce(true));

      ResourceDiff diff = events.poll(10, TimeUnit.SECONDS);
      assertThat(diff.key()).isEqualTo(ObjectKey.of("v1", "ConfigMap", "default", "cm-12345"));
      assertThat(diff.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
      Thread.sleep(200);
      assertThat(drift.diffCount()).isEqualTo(1);
    }
  }
}
