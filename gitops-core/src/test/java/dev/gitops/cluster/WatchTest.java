package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.configMap;
import static dev.gitops.cluster.Fixtures.map;
import static dev.gitops.cluster.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

  private WatchEvent next() throws InterruptedException {
    WatchEvent e = events.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("a watch event").isNotNull();
    return e;
  }

  private String describe(WatchEvent e) {
    return e.type() + " " + e.object().key().name() + " " + e.object().get("data", "v").orElse("-");
  }

  @Test
  void startsWithExistingObjectsThenReportsChangesInOrder() throws InterruptedException {
    cluster.apply(configMap("default", "old", map("v", "0")), by("t"));
    cluster.watch(new WatchRequest("", "ConfigMap", "default"), events::add);
    cluster.apply(configMap("default", "new", map("v", "1")), by("t"));
    cluster.apply(configMap("default", "new", map("v", "2")), by("t"));
    cluster.apply(configMap("default", "new", map("v", "2")), by("t")); // no-op: no event
    cluster.delete(configMap("default", "new", map()).key(), DeleteOptions.defaults());
    cluster.apply(configMap("default", "after", map("v", "3")), by("t"));

    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seen.add(describe(next()));
    }
    assertThat(seen).containsExactly("ADDED old 0", "ADDED new 1", "MODIFIED new 2", "DELETED new 2", "ADDED after 3");
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void filtersByNamespaceAndIgnoresDryRuns() throws InterruptedException {
    cluster.apply(namespace("other"), by("t"));
    cluster.watch(new WatchRequest("", "ConfigMap", "default"), events::add);
    cluster.apply(configMap("other", "elsewhere", map()), by("t"));
    cluster.apply(configMap("default", "dry", map()), by("t").withDryRun(true));
    cluster.apply(configMap("default", "here", map()), by("t"));

    assertThat(next().object().key().name()).isEqualTo("here");
  }

  @Test
  void closingStopsDelivery() throws InterruptedException {
    Watch w = cluster.watch(WatchRequest.of("", "ConfigMap"), events::add);
    cluster.apply(configMap("default", "a", map()), by("t"));
    assertThat(next().type()).isEqualTo(WatchEvent.Type.ADDED);
    w.close();
    w.close();
    cluster.apply(configMap("default", "b", map()), by("t"));
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aFailingListenerDoesNotEndTheWatchOrDelayOthers() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    cluster.watch(WatchRequest.of("", "ConfigMap"), e -> {
      try {
        release.await(10, TimeUnit.SECONDS); // a slow listener
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("listener bug");
    });
    cluster.watch(WatchRequest.of("", "ConfigMap"), events::add);
    cluster.apply(configMap("default", "a", map()), by("t"));
    cluster.apply(configMap("default", "b", map()), by("t"));

    assertThat(next().object().key().name()).isEqualTo("a");
    assertThat(next().object().key().name()).isEqualTo("b");
    release.countDown();
  }

  @Test
  void eventsCarryTheirResourceVersion() throws InterruptedException {
    cluster.watch(WatchRequest.of("", "ConfigMap"), events::add);
    LiveObject created = cluster.apply(configMap("default", "a", map()), by("t"));
    cluster.delete(created.key(), DeleteOptions.defaults());

    assertThat(next().object()).isEqualTo(created);
    WatchEvent deleted = next();
    assertThat(Long.parseLong(deleted.object().resourceVersion())).isGreaterThan(Long.parseLong(created.resourceVersion()));
  }
}
