package dev.gitops.engine;

import static dev.gitops.testing.SampleApplication.CONFIG;
import static dev.gitops.testing.SampleApplication.DEPLOYMENT;
import static dev.gitops.testing.SampleApplication.OLD_CONFIG;
import static dev.gitops.testing.SampleApplication.SERVICE;
import static dev.gitops.testing.SampleApplication.job;
import static dev.gitops.testing.SampleApplication.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.apply.ChangeEntry;
import dev.gitops.apply.ChangeEntry.Action;
import dev.gitops.apply.ClusterInventoryStore;
import dev.gitops.apply.InventoryConflictException;
import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.ControllerSimulator;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.gate.Finding;
import dev.gitops.gate.GateReport;
import dev.gitops.gate.PlannedChange;
import dev.gitops.gate.SyncGate;
import dev.gitops.health.HealthStatus;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.history.Trigger;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Step;
import dev.gitops.source.InMemoryGitRepository;
import dev.gitops.testing.TestObjects;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole story on the in-memory cluster: plan, sync, change, prune, drift, hooks, waves, rollback. */
class EngineTest {
  static final String NAMESPACE = namespace("shop");

  InMemoryCluster cluster;
  ControllerSimulator controllers;
  InMemoryGitRepository repo;
  Engine engine;
  Application app;

  @BeforeEach
  void setUp() {
    cluster = InMemoryCluster.create();
    controllers = ControllerSimulator.builder(cluster).start();
    repo = InMemoryGitRepository.create("config");
    engine = Engine.builder().build();
    app = Application.builder("shop").source(repo.source()).path("apps/shop").destination(cluster, "shop")
        .options(SyncOptions.defaults().withHealthTimeout(Duration.ofSeconds(10))).build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    controllers.close();
  }

  /** Commits files under apps/shop: pairs of path and content, a null content removes the file. */
  String commit(String message, String... pathsAndContents) {
    var c = repo.commit().message(message).author("Alice", "alice@example.com");
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      if (pathsAndContents[i + 1] == null) {
        c.remove("apps/shop/" + pathsAndContents[i]);
      } else {
        c.add("apps/shop/" + pathsAndContents[i], pathsAndContents[i + 1]);
      }
    }
    return c.call();
  }

  static ObjectKey key(String group, String kind, String ns, String name) {
    return new ObjectKey(group, kind, ns, name);
  }

  @Test
  void planWritesNothingAndShowsOrderedStepsWithDiffs() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "web.yaml", DEPLOYMENT);
    int before = cluster.list(ListRequest.of("", "ConfigMap")).size();

    Plan plan = engine.plan(app);

    assertThat(cluster.list(ListRequest.of("", "ConfigMap"))).hasSize(before);
    assertThat(cluster.get(key("", "Namespace", "", "shop"))).isEmpty();
    assertThat(plan.allowed()).isTrue();
    assertThat(plan.isInSync()).isFalse();
    assertThat(plan.steps()).extracting(Step::action).containsOnly(Step.Action.CREATE);
    assertThat(plan.steps()).extracting(s -> s.key().kind()).containsExactly("Namespace", "ConfigMap", "Deployment");
    assertThat(plan.objects()).allMatch(m -> m.kind().equals("Namespace") || m.namespace().equals("shop"));
    assertThat(plan.diffs()).hasSize(3);
    assertThat(plan.renderedDigest()).startsWith("sha256:");
    assertThat(plan.describe()).contains("CREATE", "apps/shop/web.yaml");
  }

  @Test
  void firstSyncCreatesEverythingRecordsItAndIsHealthy() {
    String commit = commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "web.yaml", DEPLOYMENT);

    SyncResult result = engine.sync(app, SyncRequest.manual().by("alice"));

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(result.changes().entries()).extracting(ChangeEntry::action).containsOnly(Action.CREATED);
    assertThat(result.changes().entries()).extracting(e -> e.key().kind())
        .containsExactly("Namespace", "ConfigMap", "Deployment");
    assertThat(result.health().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(cluster.get(key("apps", "Deployment", "shop", "web"))).isPresent();
    SyncRecord record = result.record().orElseThrow();
    assertThat(record.id()).isEqualTo(1);
    assertThat(record.commitId()).isEqualTo(commit);
    assertThat(record.author()).contains("Alice");
    assertThat(record.initiatedBy()).isEqualTo("alice");
    assertThat(record.changes().created()).isEqualTo(3);
    assertThat(engine.history(app)).containsExactly(record);
    assertThat(ClusterInventoryStore.of(cluster).read("shop").orElseThrow().keys()).containsExactlyInAnyOrder(
        key("", "Namespace", "", "shop"), key("", "ConfigMap", "shop", "settings"),
        key("apps", "Deployment", "shop", "web"));
  }

  /** Counts reads (get, list) and writes that reach the cluster. */
  static final class Counting extends dev.gitops.cluster.ForwardingCluster {
    final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();

    Counting(dev.gitops.cluster.Cluster delegate) {
      super(delegate);
    }

    @Override
    public java.util.Optional<LiveObject> get(ObjectKey key) {
      reads.incrementAndGet();
      return super.get(key);
    }

    @Override
    public java.util.List<LiveObject> list(ListRequest request) {
      reads.incrementAndGet();
      return super.list(request);
    }

    @Override
    public LiveObject apply(Manifest desired, ApplyOptions options) {
      writes.incrementAndGet();
      return super.apply(desired, options);
    }
  }

  @Test
  void onceAnAutomatedSyncFoundNothingToDoTheNextOnesReadNothingUntilAWatchSeesAChange()
      throws InterruptedException {
    Counting counting = new Counting(cluster);
    Application watched = Application.builder("shop").source(repo.source()).path("apps/shop")
        .destination(counting, "shop").options(app.options()).build();
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "deploy.yaml", DEPLOYMENT);
    engine.sync(watched);
    // Full syncs until one finds nothing to do with no event in between (watch start-up and our
    // own writes' events mark the first ones changed).
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    int before;
    do {
      engine.sync(watched, SyncRequest.automated());
      before = counting.reads.get();
      engine.sync(watched, SyncRequest.automated());
    } while (counting.reads.get() != before && System.nanoTime() < deadline);
    int writes = counting.writes.get();

    SyncResult quiet = engine.sync(watched, SyncRequest.automated());

    assertThat(quiet.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(quiet.changes().entries()).isEmpty();
    assertThat(counting.reads.get()).as("reads of a quiet sync").isEqualTo(before);
    assertThat(counting.writes.get()).isEqualTo(writes);

    // Another manager changes a declared field: the watch event marks the application changed,
    // and the next automated sync reads again and repairs the drift.
    cluster.apply(Manifest.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings", "namespace", "shop"), "data", Map.of("color", "red")),
        SourceLocation.unknown()), ApplyOptions.defaults().withFieldManager("kubectl-edit").withForce(true));
    SyncResult repaired;
    do {
      Thread.sleep(20);
      repaired = engine.sync(watched, SyncRequest.automated());
    } while (repaired.changes().entries().isEmpty() && System.nanoTime() < deadline);

    assertThat(counting.reads.get()).isGreaterThan(before);
    assertThat(repaired.changes().entries()).isNotEmpty();
  }

  @Test
  void aNewCommitIsNotAnsweredFromTheQuietResult() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    for (int i = 0; i < 3; i++) {
      engine.sync(app, SyncRequest.automated());
    }
    commit("second", "config.yaml", OLD_CONFIG);

    SyncResult next = engine.sync(app, SyncRequest.automated());

    assertThat(next.changes().entries()).isNotEmpty();
    assertThat(next.plan().orElseThrow().revision().subject()).isEqualTo("second");
  }

  @Test
  void automatedSyncOfAnUnchangedCommitWritesNothing() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    String version = cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow().resourceVersion();

    SyncResult again = engine.sync(app, SyncRequest.automated());

    assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(again.record()).isEmpty();
    assertThat(again.changes().entries()).isEmpty();
    assertThat(engine.history(app)).hasSize(1);
    assertThat(cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow().resourceVersion())
        .isEqualTo(version);
  }

  @Test
  void newCommitChangesAddsAndPrunes() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "legacy.yaml", OLD_CONFIG);
    engine.sync(app);
    commit("second", "config.yaml", CONFIG.replace("blue", "green"), "legacy.yaml", null,
        "svc.yaml", SERVICE);

    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(result.changes().entries()).extracting(e -> e.action() + " " + e.key().name()).containsExactly(
        "UNCHANGED shop", "CONFIGURED settings", "CREATED web", "DELETED legacy");
    assertThat(cluster.get(key("", "ConfigMap", "shop", "legacy"))).isEmpty();
    assertThat(cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow().get("data", "color"))
        .contains("green");
    assertThat(ClusterInventoryStore.of(cluster).read("shop").orElseThrow().keys())
        .doesNotContain(key("", "ConfigMap", "shop", "legacy")).contains(key("", "Service", "shop", "web"));
    assertThat(engine.history(app)).extracting(SyncRecord::message).containsExactly("second", "first");
  }

  @Test
  void pruneOffKeepsTheObjectInTheInventory() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "legacy.yaml", OLD_CONFIG);
    engine.sync(app);
    commit("second", "legacy.yaml", null);
    Application noPrune = app.withOptions(app.options().withPrune(false));

    SyncResult result = engine.sync(noPrune);

    assertThat(result.changes().withAction(Action.SKIPPED)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("does not prune"));
    assertThat(cluster.get(key("", "ConfigMap", "shop", "legacy"))).isPresent();
    assertThat(ClusterInventoryStore.of(cluster).read("shop").orElseThrow().keys())
        .contains(key("", "ConfigMap", "shop", "legacy"));
  }

  @Test
  void driftByAnotherManagerIsPlannedAndRepairedByAForcedSync() {
    commit("first", "ns.yaml", NAMESPACE, "web.yaml", DEPLOYMENT);
    engine.sync(app);
    cluster.apply(TestObjects.manifest("", 0, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {replicas: 5}
        """), ApplyOptions.defaults().withFieldManager("kubectl-edit").withForce(true));

    Plan plan = engine.plan(app);
    assertThat(plan.changes()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo(Step.Action.UPDATE);
      assertThat(s.diff().changes().toString()).contains("replicas");
    });
    SyncResult unforced = engine.sync(app);
    assertThat(unforced.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(unforced.changes().failures()).singleElement().satisfies(e -> {
      assertThat(e.conflicts()).isNotEmpty();
      assertThat(e.message()).contains("kubectl-edit").contains("force");
    });

    SyncResult forced = engine.sync(app.withOptions(app.options().withForce(true)));

    assertThat(forced.outcome()).as(forced.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(cluster.get(key("apps", "Deployment", "shop", "web")).orElseThrow().get("spec", "replicas"))
        .contains(2L);
    assertThat(engine.plan(app).isInSync()).isTrue();
  }

  @Test
  void hooksAndWavesRunInOrderAndHookDeletePoliciesApply() {
    commit("first", 
        "ns.yaml", NAMESPACE,
        "migrate.yaml", job("migrate", "argocd.argoproj.io/hook: PreSync",
            "argocd.argoproj.io/hook-delete-policy: HookSucceeded"),
        "early.yaml", CONFIG.replace("name: settings", "name: early\n  annotations:\n    argocd.argoproj.io/sync-wave: \"-1\""),
        "web.yaml", DEPLOYMENT.replace("name: web\nspec", "name: web\n  annotations:\n    argocd.argoproj.io/sync-wave: \"1\"\nspec"),
        "notify.yaml", job("notify", "argocd.argoproj.io/hook: PostSync"));
    app = app.withOptions(app.options().withCreateNamespace(true));

    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(result.changes().entries()).extracting(e -> (e.hook() ? "hook " : "") + e.key().name())
        .as("the declared Namespace is reported once, by its own step")
        .containsExactly("hook migrate", "early", "shop", "web", "hook notify");
    assertThat(result.changes().entries()).filteredOn(e -> e.key().kind().equals("Namespace"))
        .extracting(ChangeEntry::action).containsExactly(Action.CREATED);
    assertThat(result.changes().hooks()).extracting(ChangeEntry::action).containsOnly(Action.CREATED);
    assertThat(cluster.get(key("batch", "Job", "shop", "migrate"))).as("deleted once succeeded").isEmpty();
    assertThat(cluster.get(key("batch", "Job", "shop", "notify"))).as("kept by default").isPresent();
    assertThat(ClusterInventoryStore.of(cluster).read("shop").orElseThrow().keys())
        .doesNotContain(key("batch", "Job", "shop", "notify"));

    SyncResult again = engine.sync(app);
    assertThat(again.changes().hooks()).as("hooks run on every sync; the old run is deleted first").hasSize(2)
        .extracting(ChangeEntry::action).containsOnly(Action.CREATED);
  }

  @Test
  void failingHookStopsTheSyncRunsSyncFailHooksAndPrunesNothing() {
    commit("first", "ns.yaml", NAMESPACE, "legacy.yaml", OLD_CONFIG);
    engine.sync(app);
    commit("second", 
        "legacy.yaml", null,
        "migrate.yaml", job("migrate", "argocd.argoproj.io/hook: PreSync",
            "simulator.gitops.dev/outcome: fail"),
        "cleanup.yaml", job("cleanup", "argocd.argoproj.io/hook: SyncFail"),
        "config.yaml", CONFIG);

    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(result.changes().entries()).extracting(e -> e.action() + " " + e.key().name()).containsExactly(
        "FAILED migrate", "SKIPPED shop", "SKIPPED settings", "CREATED cleanup", "SKIPPED legacy");
    assertThat(cluster.get(key("", "ConfigMap", "shop", "settings"))).isEmpty();
    assertThat(cluster.get(key("", "ConfigMap", "shop", "legacy"))).isPresent();
    assertThat(ClusterInventoryStore.of(cluster).read("shop").orElseThrow().keys())
        .contains(key("", "ConfigMap", "shop", "legacy"), key("", "ConfigMap", "shop", "settings"));
    assertThat(engine.history(app).get(0).outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(engine.history(app).get(0).note()).contains("migrate");
  }

  @Test
  void customResourceDefinitionAndItsResourcesInOneSync() {
    commit("first", "crd.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer, default: 3}
        """, "ns.yaml", NAMESPACE, "widget.yaml", """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: gear
        spec:
          size: 7
        """);

    Plan plan = engine.plan(app);
    assertThat(plan.steps()).extracting(s -> s.key().kind()).containsExactly("Namespace",
        "CustomResourceDefinition", "Widget");
    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(cluster.get(key("example.com", "Widget", "shop", "gear")).orElseThrow().get("spec", "size"))
        .contains(7L);
    assertThat(engine.plan(app).isInSync()).isTrue();
  }

  @Test
  void immutableFieldChangeFailsWithAHintOrIsReplacedWhenAskedFor() {
    commit("first", "ns.yaml", NAMESPACE, "job.yaml", job("batch-load"));
    engine.sync(app);
    commit("second", "job.yaml", job("batch-load").replace("busybox:1.36", "busybox:1.37"));

    SyncResult refused = engine.sync(app);
    assertThat(refused.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(refused.changes().failures()).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("immutable").contains("Replace=true"));

    SyncResult replaced = engine.sync(app.withOptions(app.options().withReplace(true)));
    assertThat(replaced.outcome()).as(replaced.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(replaced.changes().withAction(Action.REPLACED)).singleElement()
        .satisfies(e -> assertThat(e.key().name()).isEqualTo("batch-load"));
    assertThat(cluster.get(key("batch", "Job", "shop", "batch-load")).orElseThrow().toString()).isNotNull();
    assertThat(engine.plan(app).isInSync()).isTrue();
  }

  @Test
  void gateDenialStopsTheSyncBeforeAnyWriteAndIsRecorded() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    SyncGate noConfigMaps = new SyncGate() {
      @Override
      public GateReport checkObjects(List<Manifest> objects) {
        return GateReport.of(objects.stream().filter(m -> m.kind().equals("ConfigMap"))
            .map(m -> new Finding("no-configmaps", m.key(), Finding.DENY, "HIGH", "ConfigMaps are not allowed",
                "", m.source())).toList());
      }

      @Override
      public GateReport checkChanges(List<PlannedChange> changes) {
        return GateReport.allow();
      }
    };
    try (Engine gated = Engine.builder().gate(noConfigMaps).build()) {
      SyncResult result = gated.sync(app);

      assertThat(result.outcome()).isEqualTo(SyncOutcome.DENIED);
      assertThat(result.plan().orElseThrow().gate().denials()).hasSize(1);
      assertThat(cluster.get(key("", "ConfigMap", "shop", "settings"))).isEmpty();
      assertThat(ClusterInventoryStore.of(cluster).read("shop")).isEmpty();
      assertThat(gated.history(app).get(0).verdicts()).singleElement().asString().contains("no-configmaps");
    }
  }

  @Test
  void changeGateSeesPrunesAndCanStopThem() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "legacy.yaml", OLD_CONFIG);
    engine.sync(app);
    commit("second", "legacy.yaml", null);
    SyncGate noDeletes = new SyncGate() {
      @Override
      public GateReport checkObjects(List<Manifest> objects) {
        return GateReport.allow();
      }

      @Override
      public GateReport checkChanges(List<PlannedChange> changes) {
        return GateReport.of(changes.stream().filter(c -> c.operation() == PlannedChange.Operation.DELETE)
            .map(c -> new Finding("no-deletes", c.key(), Finding.DENY, "HIGH", "deletion needs approval", "",
                SourceLocation.unknown())).toList());
      }
    };
    try (Engine gated = Engine.builder().gate(noDeletes).build()) {
      assertThat(gated.sync(app).outcome()).isEqualTo(SyncOutcome.DENIED);
      assertThat(cluster.get(key("", "ConfigMap", "shop", "legacy"))).isPresent();
    }
  }

  @Test
  void objectOfAnotherApplicationIsNotTakenOverSilently() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    Application other = Application.builder("other-shop").source(repo.source()).path("apps/shop")
        .destination(cluster, "shop").build();

    assertThatThrownBy(() -> engine.sync(other)).isInstanceOf(InventoryConflictException.class)
        .hasMessageContaining("'other-shop'").hasMessageContaining("'shop'").hasMessageContaining("settings");
    assertThat(engine.history(other)).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(SyncOutcome.FAILED));
  }

  @Test
  void dryRunStoresNothing() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    SyncResult result = engine.sync(app.withOptions(app.options().withDryRun(true)));

    assertThat(result.changes().entries()).extracting(ChangeEntry::action).containsOnly(Action.CREATED);
    assertThat(result.record()).isEmpty();
    assertThat(cluster.get(key("", "Namespace", "", "shop"))).isEmpty();
    assertThat(ClusterInventoryStore.of(cluster).read("shop")).isEmpty();
    assertThat(engine.history(app)).isEmpty();
  }

  @Test
  void dryRunOfAChangeReportsItConfiguredAndStoresNothing() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    LiveObject before = cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow();
    commit("second", "config.yaml", CONFIG.replace("blue", "red"));

    SyncResult result = engine.sync(app.withOptions(app.options().withDryRun(true)));

    assertThat(result.changes().entries()).filteredOn(e -> e.key().kind().equals("ConfigMap"))
        .singleElement().satisfies(e -> {
          assertThat(e.action()).isEqualTo(Action.CONFIGURED);
          assertThat(e.message()).isEqualTo("dry run");
        });
    LiveObject after = cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow();
    assertThat(after.resourceVersion()).isEqualTo(before.resourceVersion());
    assertThat(after.get("data", "color")).contains("blue");
    assertThat(engine.history(app)).hasSize(1);
  }

  @Test
  void rollbackSyncsAnEarlierRevisionAndHoldsAutomatedSyncsUntilResumed() {
    String first = commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    commit("second", "config.yaml", CONFIG.replace("blue", "red"), "svc.yaml", SERVICE);
    engine.sync(app);

    SyncResult rollback = engine.rollback(app, first.substring(0, 12), "bob");

    assertThat(rollback.outcome()).as(rollback.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow().get("data", "color"))
        .contains("blue");
    assertThat(cluster.get(key("", "Service", "shop", "web"))).as("pruned: not in the first revision").isEmpty();
    SyncRecord record = rollback.record().orElseThrow();
    assertThat(record.trigger()).isEqualTo(Trigger.ROLLBACK);
    assertThat(record.commitId()).isEqualTo(first);
    assertThat(record.note()).contains("rollback to " + first.substring(0, 12)).contains("#1");
    assertThat(engine.isHeld(app)).isTrue();

    SyncResult held = engine.sync(app, SyncRequest.automated());
    assertThat(held.outcome()).isEqualTo(SyncOutcome.HELD);
    assertThat(cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow().get("data", "color"))
        .contains("blue");

    engine.resume(app, "bob");
    SyncResult resumed = engine.sync(app, SyncRequest.automated());
    assertThat(resumed.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(cluster.get(key("", "ConfigMap", "shop", "settings")).orElseThrow().get("data", "color"))
        .contains("red");
    assertThat(engine.history(app)).extracting(SyncRecord::trigger).containsExactly(Trigger.AUTOMATED,
        Trigger.RESUME, Trigger.ROLLBACK, Trigger.MANUAL, Trigger.MANUAL);
  }

  @Test
  void rollbackToAnUnknownShortRevisionIsATypedError() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    assertThatThrownBy(() -> engine.rollback(app, "deadbeef", "bob")).isInstanceOf(UnknownRevisionException.class)
        .hasMessageContaining("deadbeef");
  }

  @Test
  void unknownKindIsATypedErrorNamingTheFile() {
    commit("first", "thing.yaml", """
        apiVersion: example.com/v1
        kind: Gadget
        metadata:
          name: g
        """);
    assertThatThrownBy(() -> engine.plan(app)).isInstanceOf(UnknownKindException.class)
        .hasMessageContaining("apps/shop/thing.yaml").hasMessageContaining("Gadget");
  }

  @Test
  void unhealthyApplicationEndsUnhealthyAfterTheTimeout() {
    commit("first", "ns.yaml", NAMESPACE, "web.yaml", DEPLOYMENT.replace("name: web\nspec",
        "name: web\n  annotations:\n    simulator.gitops.dev/outcome: never\nspec"));
    SyncResult result = engine.sync(app.withOptions(app.options().withHealthTimeout(Duration.ofMillis(300))));

    assertThat(result.outcome()).isEqualTo(SyncOutcome.UNHEALTHY);
    assertThat(result.health().unhealthy()).singleElement()
        .satisfies(o -> assertThat(o.key().name()).isEqualTo("web"));
    assertThat(result.record().orElseThrow().outcome()).isEqualTo(SyncOutcome.UNHEALTHY);
  }

  @Test
  void sameApplicationInTwoClustersKeepsSeparateStateAndCaches() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    InMemoryCluster second = InMemoryCluster.builder().name("second").build();
    Application there = Application.builder("shop").source(repo.source()).path("apps/shop")
        .destination(second, "shop").options(app.options()).build();

    assertThat(engine.sync(app).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(engine.plan(there).changes()).as("nothing of the first cluster leaks into the second's plan")
        .hasSize(2);
    assertThat(engine.sync(there).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(second.get(key("", "ConfigMap", "shop", "settings"))).isPresent();
    assertThat(engine.history(there)).hasSize(1);
    assertThat(engine.history(app)).hasSize(1);
  }

  @Test
  void namespaceOnAClusterScopedObjectIsDroppedAndMissingOnesAreFilledIn() {
    commit("first", "ns.yaml", NAMESPACE, "role.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
          namespace: shop
        rules: []
        """, "config.yaml", CONFIG);

    Plan plan = engine.plan(app);

    assertThat(plan.objects()).extracting(m -> m.key().toString()).containsExactlyInAnyOrder("Namespace shop",
        "rbac.authorization.k8s.io/ClusterRole reader", "ConfigMap shop/settings");
  }


  static LiveObject live(InMemoryCluster cluster, ObjectKey key) {
    return cluster.get(key).orElseThrow();
  }
}
