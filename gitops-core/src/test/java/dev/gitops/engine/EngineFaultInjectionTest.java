package dev.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.apply.ChangeEntry;
import dev.gitops.apply.ClusterInventoryStore;
import dev.gitops.apply.Inventory;
import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.cluster.ControllerSimulator;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ManagedFields;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.model.ObjectKey;
import dev.gitops.source.InMemoryGitRepository;
import dev.gitops.testing.FaultyCluster;
import dev.gitops.testing.SampleApplication;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults injected mid-sync through a cluster decorator: API errors, timeouts, conflicts, and a
 * process that stops between two writes. After each, the next sync converges, nothing is
 * orphaned, nothing outside the inventory is touched, and the history says what happened.
 */
class EngineFaultInjectionTest {
  static final List<String> KINDS = List.of("Namespace", "ConfigMap", "Service", "Deployment");

  InMemoryCluster memory;
  FaultyCluster cluster;
  ControllerSimulator controllers;
  InMemoryGitRepository repo;
  Application app;

  @BeforeEach
  void setUp() {
    memory = InMemoryCluster.create();
    cluster = new FaultyCluster(memory);
    controllers = ControllerSimulator.builder(memory).start();
    repo = InMemoryGitRepository.create("config");
    app = Application.builder("shop").source(repo.source()).path("apps").destination(cluster, "shop")
        .options(SyncOptions.defaults().withHealthTimeout(Duration.ofSeconds(10))).build();
    // Not ours: an object the application never declared must survive every fault.
    memory.apply(dev.gitops.testing.TestObjects.manifest("", 0, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: bystander, namespace: default}
        data: {owner: someone-else}
        """), dev.gitops.testing.TestObjects.by("kubectl"));
    repo.commit().message("first")
        .add("apps/ns.yaml", EngineTest.NAMESPACE)
        .add("apps/config.yaml", SampleApplication.CONFIG)
        .add("apps/legacy.yaml", SampleApplication.OLD_CONFIG)
        .add("apps/web.yaml", SampleApplication.DEPLOYMENT).call();
    try (Engine engine = Engine.builder().build()) {
      assertThat(engine.sync(app).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    }
    // The second commit changes one object, adds one and removes one.
    repo.commit().message("second")
        .add("apps/config.yaml", SampleApplication.CONFIG.replace("blue", "green"))
        .remove("apps/legacy.yaml")
        .add("apps/svc.yaml", SampleApplication.SERVICE).call();
  }

  @AfterEach
  void tearDown() {
    controllers.close();
  }

  @Test
  void serverErrorOnOneApplyFailsTheSyncSkipsTheRestAndPrunesNothing() {
    cluster.failApplies(k -> k.kind().equals("Service"),
        k -> new ClusterUnavailableException("in-memory: apply " + k + ": HTTP 500 Internal Server Error", null));
    try (Engine engine = Engine.builder().build()) {
      SyncResult result = engine.sync(app);

      assertThat(result.outcome()).isEqualTo(SyncOutcome.FAILED);
      assertThat(result.changes().failures()).singleElement().satisfies(e -> {
        assertThat(e.key().kind()).isEqualTo("Service");
        assertThat(e.message()).contains("HTTP 500");
      });
      assertThat(result.changes().withAction(ChangeEntry.Action.SKIPPED)).extracting(e -> e.key().name())
          .contains("legacy");
      assertThat(memory.get(key("ConfigMap", "legacy"))).as("not pruned after a failure").isPresent();
      assertThat(inventory()).contains(key("ConfigMap", "legacy"), key("Service", "web"));
      assertThat(engine.history(app).get(0)).satisfies(r -> {
        assertThat(r.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(r.note()).contains("HTTP 500").contains("Service");
      });
    }
    assertConvergesAndNothingIsOrphaned();
  }

  @Test
  void timeoutOnAnApplyIsAFailedEntryNamingIt() {
    cluster.failNextApply(k -> k.name().equals("settings"), k -> new ClusterUnavailableException(
        "in-memory: apply " + k + ": timed out after 10s", new SocketTimeoutException("Read timed out")));
    try (Engine engine = Engine.builder().build()) {
      SyncResult result = engine.sync(app);

      assertThat(result.outcome()).isEqualTo(SyncOutcome.FAILED);
      assertThat(result.changes().failures()).singleElement()
          .satisfies(e -> assertThat(e.message()).contains("timed out").contains("settings"));
    }
    assertConvergesAndNothingIsOrphaned();
  }

  @Test
  void conflictFromTheServerIsReportedPerField() {
    cluster.failNextApply(k -> k.name().equals("settings"), k -> new ApplyConflictException(k,
        "Apply failed with 1 conflict: conflict with \"helm\": .data.color",
        List.of(new FieldConflict("helm", ".data.color"))));
    try (Engine engine = Engine.builder().build()) {
      SyncResult result = engine.sync(app);

      assertThat(result.changes().failures()).singleElement().satisfies(e -> {
        assertThat(e.conflicts()).containsExactly(new FieldConflict("helm", ".data.color"));
        assertThat(e.message()).contains(".data.color (helm)");
      });
    }
    assertConvergesAndNothingIsOrphaned();
  }

  @Test
  void inventoryThatCannotBeWrittenStopsTheSyncBeforeAnyApplyAndIsRecorded() {
    cluster.failApplies(k -> k.name().equals("inventory-shop"),
        k -> new ClusterUnavailableException("in-memory: apply " + k + ": HTTP 503 Service Unavailable", null));
    String before = memory.get(key("ConfigMap", "settings")).orElseThrow().resourceVersion();
    try (Engine engine = Engine.builder().build()) {
      assertThatThrownBy(() -> engine.sync(app)).isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("503");
      assertThat(memory.get(key("ConfigMap", "settings")).orElseThrow().resourceVersion()).isEqualTo(before);
      assertThat(engine.history(app).get(0)).satisfies(r -> {
        assertThat(r.outcome()).isEqualTo(SyncOutcome.FAILED);
        assertThat(r.note()).contains("503");
      });
    }
    assertConvergesAndNothingIsOrphaned();
  }

  /**
   * The second sync makes 2 inventory writes, 3 object writes (change, add, prune) and a history
   * write; the unchanged objects cost none. Stopping the process before each one of them, then
   * syncing with a new engine, must always converge.
   */
  @ParameterizedTest(name = "process stops before write {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void processStoppedBetweenTwoWritesConvergesWithANewEngine(int writesBeforeStop) {
    cluster.stopAfterWrites(writesBeforeStop);
    try (Engine engine = Engine.builder().build()) {
      assertThatThrownBy(() -> engine.sync(app)).isInstanceOf(FaultyCluster.ProcessStopped.class);
    }
    assertThat(orphans()).as("objects of ours that no inventory holds").isEmpty();

    SyncRecord record = assertConvergesAndNothingIsOrphaned();
    if (writesBeforeStop > 0) {
      assertThat(record.note()).contains("the previous sync did not finish").contains("second");
    }
  }

  @Test
  void everyWriteOfTheSyncIsAStopPointCoveredAbove() {
    cluster.stopAfterWrites(Integer.MAX_VALUE);
    try (Engine engine = Engine.builder().build()) {
      engine.sync(app);
    }
    assertThat(cluster.writes()).as("writes of the second sync; the parameterized test covers each").isEqualTo(6);
  }

  /** Heals the cluster, syncs with a new engine, and checks the cluster is what the second commit says. */
  private SyncRecord assertConvergesAndNothingIsOrphaned() {
    cluster.heal();
    try (Engine engine = Engine.builder().build()) {
      SyncResult result = engine.sync(app);
      assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
      assertThat(memory.get(key("ConfigMap", "legacy"))).isEmpty();
      assertThat(memory.get(key("Service", "web"))).isPresent();
      assertThat(memory.get(key("ConfigMap", "settings")).orElseThrow().get("data", "color")).contains("green");
      assertThat(inventory()).containsExactlyInAnyOrder(new ObjectKey("", "Namespace", "", "shop"),
          key("ConfigMap", "settings"), key("Service", "web"), new ObjectKey("apps", "Deployment", "shop", "web"));
      assertThat(ClusterInventoryStore.of(memory).read("shop").orElseThrow().syncInProgress()).isEmpty();
      assertThat(engine.plan(app).isInSync()).isTrue();
      assertThat(orphans()).isEmpty();
      assertThat(memory.get(new ObjectKey("", "ConfigMap", "default", "bystander")).orElseThrow()
          .get("data", "owner")).contains("someone-else");
      return result.record().orElseThrow();
    }
  }

  private Set<ObjectKey> inventory() {
    return ClusterInventoryStore.of(memory).read("shop").map(Inventory::keys).orElse(new TreeSet<>());
  }

  /** Objects our field manager wrote that no inventory holds. */
  private Set<ObjectKey> orphans() {
    Set<ObjectKey> held = new HashSet<>();
    ClusterInventoryStore.of(memory).all().forEach(i -> held.addAll(i.keys()));
    Set<ObjectKey> ours = new HashSet<>();
    for (String kind : KINDS) {
      String group = kind.equals("Deployment") ? "apps" : "";
      for (LiveObject o : memory.list(ListRequest.of(group, kind))) {
        if (o.managedFields().stream().map(ManagedFields::manager).anyMatch("gitops-sdk"::equals)) {
          ours.add(o.key());
        }
      }
    }
    return ours.stream().filter(k -> !held.contains(k)).collect(Collectors.toSet());
  }

  private static ObjectKey key(String kind, String name) {
    return new ObjectKey("", kind, "shop", name);
  }
}
