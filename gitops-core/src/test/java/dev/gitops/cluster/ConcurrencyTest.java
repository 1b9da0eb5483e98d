package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.configMap;
import static dev.gitops.cluster.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 40;

  @Test
  void concurrentAppliesAreAtomicAndSeenInOneOrder() throws Exception {
    InMemoryCluster cluster = InMemoryCluster.create();
    List<Long> watched = new CopyOnWriteArrayList<>();
    CountDownLatch allSeen = new CountDownLatch(THREADS * ROUNDS * 2);
    cluster.watch(WatchRequest.of("", "ConfigMap"), e -> {
      watched.add(Long.parseLong(e.object().resourceVersion()));
      allSeen.countDown();
    });
    Set<String> versions = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String manager = "writer-" + t;
        work.add(pool.submit(() -> {
          start.await();
          for (int r = 0; r < ROUNDS; r++) {
            // One object of its own per round, and its own key of one shared object.
            versions.add(cluster.apply(configMap("default", manager + "-" + r, map("r", "" + r)), by(manager))
                .resourceVersion());
            versions.add(cluster.apply(configMap("default", "shared", map(manager, "" + r)), by(manager))
                .resourceVersion());
            cluster.list(ListRequest.of("", "ConfigMap").inNamespace("default"));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(versions).hasSize(THREADS * ROUNDS * 2);
    LiveObject shared = cluster.get(configMap("default", "shared", map()).key()).orElseThrow();
    Map<?, ?> data = (Map<?, ?>) shared.get("data").orElseThrow();
    assertThat(data).hasSize(THREADS);
    data.values().forEach(v -> assertThat(v).isEqualTo("" + (ROUNDS - 1)));
    assertThat(shared.managedFields()).hasSize(THREADS);
    assertThat(cluster.list(ListRequest.of("", "ConfigMap"))).hasSize(THREADS * ROUNDS + 1);

    assertThat(allSeen.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(watched).isSorted().doesNotHaveDuplicates();
    assertThat(new HashSet<>(watched)).hasSize(THREADS * ROUNDS * 2);
  }
}
