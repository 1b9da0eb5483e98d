package dev.gitops.health;

import static dev.gitops.testing.TestObjects.by;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.ObjectKey;
import dev.gitops.testing.MutableClock;
import dev.gitops.testing.TestObjects;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waiter on the in-memory cluster. That cluster ignores the status of built-in kinds on apply,
 * so these tests use a custom kind without a status subresource, whose applied objects carry
 * their own status.conditions.
 */
class HealthWaiterTest {
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final WatchRequest WIDGETS_IN_SHOP = new WatchRequest("example.com", "Widget", "shop");
  private final InMemoryCluster memory = InMemoryCluster.create();
  private final ObservedCluster cluster = new ObservedCluster(memory);
  private final MutableClock clock = new MutableClock();
  private final HealthWaiter waiter = HealthWaiter.builder(cluster).clock(clock).build();
  private final ExecutorService background = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  private void defineWidgets() {
    memory.apply(TestObjects.manifest("crd.yaml", 1, """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """), by("admin"));
    memory.apply(TestObjects.manifest("ns.yaml", 1, "{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"), by("admin"));
  }

  /** Applies widget {@code name} in shop with one condition. */
  private void widget(String name, String type, String status, String reason) {
    memory.apply(TestObjects.manifest("w.yaml", 1, """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: %s, namespace: shop}
        spec: {size: 1}
        status:
          conditions:
          - {type: %s, status: "%s", reason: %s}
        """.formatted(name, type, status, reason)), by("controller").withForce(true));
  }

  private static ObjectKey widgetKey(String name) {
    return new ObjectKey("example.com", "Widget", "shop", name);
  }

  private Future<ApplicationHealth> awaitInBackground(List<ObjectKey> keys, Duration timeout) {
    return background.submit(() -> waiter.await(keys, timeout));
  }

  @Test
  void returnsAsSoonAsEveryObjectIsReady() throws Exception {
    defineWidgets();
    widget("a", "Ready", "False", "Building");
    widget("b", "Ready", "True", "Built");
    Future<ApplicationHealth> result = awaitInBackground(List.of(widgetKey("a"), widgetKey("b")), LONG);
    cluster.awaitWatches(1);

    widget("a", "Ready", "True", "Built");

    ApplicationHealth health = result.get(30, TimeUnit.SECONDS);
    assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(health.objects()).extracting(ObjectHealth::key).containsExactly(widgetKey("a"), widgetKey("b"));
    assertThat(cluster.watchesOpened).containsExactly(WIDGETS_IN_SHOP);
    assertThat(cluster.openWatches()).isEmpty();
    assertThat(cluster.gets).as("reads: the watch told everything").hasValue(0);
  }

  @Test
  void returnsAtTheTimeoutWithTheHealthAsItIsThen() throws Exception {
    defineWidgets();
    widget("a", "Ready", "False", "Building");
    Future<ApplicationHealth> result = awaitInBackground(List.of(widgetKey("a")), Duration.ofMinutes(5));
    cluster.awaitWatches(1);

    clock.advance(Duration.ofMinutes(5));

    ApplicationHealth health = result.get(30, TimeUnit.SECONDS);
    assertThat(health.status()).isEqualTo(HealthStatus.PROGRESSING);
    assertThat(health.unhealthy()).singleElement()
        .satisfies(o -> assertThat(o.health().message()).isEqualTo("not ready: Building"));
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void returnsEarlyWhenAnyObjectIsDegraded() throws Exception {
    defineWidgets();
    widget("a", "Ready", "False", "Building");
    widget("b", "Ready", "False", "Building");
    Future<ApplicationHealth> result = awaitInBackground(List.of(widgetKey("a"), widgetKey("b")), LONG);
    cluster.awaitWatches(1);

    widget("b", "Stalled", "True", "InvalidSpec");

    ApplicationHealth health = result.get(30, TimeUnit.SECONDS);
    assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(health.unhealthy()).extracting(o -> o.health().status())
        .containsExactly(HealthStatus.PROGRESSING, HealthStatus.DEGRADED);
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void waitsForAMissingObjectToBeCreated() throws Exception {
    defineWidgets();
    assertThat(waiter.current(List.of(widgetKey("late"))).status()).isEqualTo(HealthStatus.MISSING);
    Future<ApplicationHealth> result = awaitInBackground(List.of(widgetKey("late")), LONG);
    cluster.awaitWatches(1);

    widget("late", "Ready", "True", "Built");

    assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void anObjectStillMissingAtTheTimeoutIsReadOnceAndReportedMissing() {
    defineWidgets();

    ApplicationHealth health = waiter.await(List.of(widgetKey("never")), Duration.ZERO);

    assertThat(health.objects()).containsExactly(new ObjectHealth(widgetKey("never"), Health.missing()));
    assertThat(cluster.gets).hasValue(1);
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void opensOneWatchPerKindAndNamespaceAndClosesThemAll() {
    defineWidgets();
    memory.apply(TestObjects.manifest("ns.yaml", 1, "{apiVersion: v1, kind: Namespace, metadata: {name: back}}"), by("admin"));
    widget("a", "Ready", "True", "Built");
    widget("b", "Ready", "True", "Built");
    memory.apply(TestObjects.manifest("cm.yaml", 1, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: back}}"), by("t"));
    memory.apply(TestObjects.manifest("cm.yaml", 1, "{apiVersion: v1, kind: ConfigMap, metadata: {name: d, namespace: back}}"), by("t"));
    ObjectKey backNamespace = new ObjectKey("", "Namespace", "", "back");
    List<ObjectKey> keys = List.of(widgetKey("a"), widgetKey("b"), widgetKey("a"),
        new ObjectKey("", "ConfigMap", "back", "c"), new ObjectKey("", "ConfigMap", "back", "d"), backNamespace);

    ApplicationHealth health = waiter.await(keys, LONG);

    assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(health.objects()).hasSize(5);
    assertThat(cluster.watchesOpened).containsExactlyInAnyOrder(WIDGETS_IN_SHOP,
        new WatchRequest("", "ConfigMap", "back"), new WatchRequest("", "Namespace", ""));
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void anInterruptReturnsTheHealthSoFarWithTheFlagSet() throws Exception {
    defineWidgets();
    widget("a", "Reconciling", "True", "Building");
    Thread[] worker = new Thread[1];
    Future<Object[]> result = background.submit(() -> {
      worker[0] = Thread.currentThread();
      ApplicationHealth health = waiter.await(List.of(widgetKey("a")), LONG);
      return new Object[] {health, Thread.currentThread().isInterrupted()};
    });
    cluster.awaitWatches(1);

    worker[0].interrupt();

    Object[] out = result.get(30, TimeUnit.SECONDS);
    assertThat(((ApplicationHealth) out[0]).status()).isIn(HealthStatus.PROGRESSING, HealthStatus.MISSING);
    assertThat(out[1]).as("interrupt flag").isEqualTo(true);
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void aKindServedOnlyLaterIsWatchedOnceItsDefinitionArrives() throws Exception {
    memory.apply(TestObjects.manifest("ns.yaml", 1, "{apiVersion: v1, kind: Namespace, metadata: {name: shop}}"), by("admin"));
    Health notServed = waiter.current(List.of(widgetKey("a"))).objects().get(0).health();
    assertThat(notServed.status()).isEqualTo(HealthStatus.MISSING);
    assertThat(notServed.message()).isEqualTo("kind Widget of group example.com is not served");
    Future<ApplicationHealth> result = awaitInBackground(List.of(widgetKey("a")), LONG);
    cluster.awaitWatches(2); // the widgets' attempt, then the definitions

    defineWidgets();
    cluster.awaitWatches(1);
    widget("a", "Ready", "True", "Built");

    assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(cluster.watchesOpened).containsExactly(
        WatchRequest.of("apiextensions.k8s.io", "CustomResourceDefinition"), WIDGETS_IN_SHOP);
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void aWatchThatEndsWithAnErrorFallsBackToReadingItsObjects() throws Exception {
    defineWidgets();
    widget("a", "Ready", "False", "Building");
    Future<ApplicationHealth> result = awaitInBackground(List.of(widgetKey("a")), Duration.ofMinutes(5));
    cluster.awaitWatches(1);

    cluster.endWatch(WIDGETS_IN_SHOP, new ClusterUnavailableException("connection reset", null));
    cluster.awaitReads(1);
    widget("a", "Ready", "True", "Built"); // no watch sees this: the waiter reads it at the timeout
    assertThat(result).isNotDone();
    clock.advance(Duration.ofMinutes(5));

    assertThat(result.get(30, TimeUnit.SECONDS).status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(cluster.gets).hasValue(2);
    assertThat(cluster.openWatches()).isEmpty();
  }

  @Test
  void currentReadsEachObjectOnce() {
    defineWidgets();
    widget("a", "Stalled", "True", "InvalidSpec");

    ApplicationHealth health = waiter.current(List.of(widgetKey("a"), widgetKey("gone"), widgetKey("a")));

    assertThat(health.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(health.objects()).extracting(o -> o.health().status())
        .containsExactly(HealthStatus.DEGRADED, HealthStatus.MISSING);
    assertThat(cluster.gets).hasValue(2);
    assertThat(cluster.watchesOpened).isEmpty();
  }

  @Test
  void customChecksJudgeWhatTheWatchesReport() throws Exception {
    defineWidgets();
    widget("a", "Ready", "False", "Building");
    HealthWaiter lenient = HealthWaiter.builder(cluster).clock(clock)
        .checks(HealthChecks.builder().check("example.com", "Widget", o -> Optional.of(Health.suspended("ignored"))).build())
        .build();

    ApplicationHealth health = lenient.await(List.of(widgetKey("a")), LONG);

    assertThat(health.status()).isEqualTo(HealthStatus.SUSPENDED);
    assertThat(cluster.openWatches()).isEmpty();
  }
}
