package dev.gitops.k8s;

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
import dev.gitops.cluster.DeleteOptions.Propagation;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.DiffStatus;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncRequest;
import dev.gitops.engine.SyncResult;
import dev.gitops.health.HealthStatus;
import dev.gitops.history.ClusterHistoryStore;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.history.Trigger;
import dev.gitops.model.ObjectKey;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Step;
import dev.gitops.source.InMemoryGitRepository;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import dev.gitops.testing.TestObjects;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's whole story on a real kube-apiserver and etcd, with the default in-cluster
 * inventory and history stores: what the in-memory {@code EngineTest} shows, where the server's
 * defaults, managedFields, resourceVersions and error bodies are real. Controllers are simulated
 * ({@link ControllerSimulator}), so workloads and Jobs get a status. Every test has a namespace and
 * an application of its own, so they share one API server without meeting.
 *
 * <p>The test server has no garbage collector, so a foreground or orphan deletion would wait for
 * its finalizer forever: applications here prune and replace in the background.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class EngineApiServerTest {
  static final String NAMESPACE = namespace("SHOP");
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final String STATE = ClusterInventoryStore.DEFAULT_NAMESPACE;


  private final KubeApiServer server;
  private FabricCluster cluster;
  private ControllerSimulator controllers;
  private InMemoryGitRepository repo;
  private Engine engine;
  private Application app;
  /** This test's namespace, also the application's name. */
  private String shop;

  EngineApiServerTest(KubeApiServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    cluster = FabricCluster.builder().config(server.config()).name("engine-apiserver").build();
    controllers = ControllerSimulator.builder(cluster).start();
    repo = InMemoryGitRepository.create("config");
    engine = Engine.builder().build();
    shop = "shop-" + RUNS.incrementAndGet();
    app = Application.builder(shop).source(repo.source()).path("apps/shop").destination(cluster, shop)
        .options(SyncOptions.defaults().withPropagation(Propagation.BACKGROUND)
            .withHealthTimeout(Duration.ofSeconds(30)))
        .build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    controllers.close();
    cluster.close();
  }

  @Test
  void firstSyncCreatesEverythingIsHealthyAndIsRecordedInTheCluster() {
    String commit = commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "web.yaml", DEPLOYMENT,
        "svc.yaml", SERVICE);

    SyncResult result = engine.sync(app, SyncRequest.manual().by("alice"));

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(result.changes().entries()).extracting(ChangeEntry::action).containsOnly(Action.CREATED);
    assertThat(result.changes().entries()).extracting(e -> e.key().kind())
        .containsExactly("Namespace", "ConfigMap", "Service", "Deployment");
    assertThat(result.health().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(cluster.get(key("apps", "Deployment", shop, "web")).orElseThrow().get("status", "readyReplicas"))
        .as("written by the simulated controller").contains(2L);
    SyncRecord record = result.record().orElseThrow();
    assertThat(record.id()).isEqualTo(1);
    assertThat(record.commitId()).isEqualTo(commit);
    assertThat(record.initiatedBy()).isEqualTo("alice");
    assertThat(record.changes().created()).isEqualTo(4);
    try (Engine another = Engine.builder().build()) {
      assertThat(another.history(app)).as("read back from the cluster by another engine").containsExactly(record);
    }
    assertThat(cluster.list(ListRequest.of("", "ConfigMap").inNamespace(STATE)
        .withLabelSelector(ClusterHistoryStore.HISTORY_OF_LABEL + "=" + shop))).hasSize(1);
    assertThat(ClusterInventoryStore.of(cluster).read(shop).orElseThrow().keys()).containsExactlyInAnyOrder(
        key("", "Namespace", "", shop), key("", "ConfigMap", shop, "settings"),
        key("apps", "Deployment", shop, "web"), key("", "Service", shop, "web"));
  }

  @Test
  void planWritesNothingBeforeOrAfterTheFirstSync() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "web.yaml", DEPLOYMENT);
    Map<String, String> before = versions();

    Plan first = engine.plan(app);

    assertThat(versions()).isEqualTo(before);
    assertThat(cluster.get(key("", "Namespace", "", shop))).isEmpty();
    assertThat(first.steps()).extracting(Step::action).containsOnly(Step.Action.CREATE);
    engine.sync(app);
    commit("second", "config.yaml", CONFIG.replace("blue", "green"), "web.yaml", null);
    Map<String, String> synced = versions();

    Plan second = engine.plan(app);

    assertThat(versions()).isEqualTo(synced);
    assertThat(second.changes()).extracting(s -> s.action() + " " + s.key().name())
        .containsExactly("UPDATE settings", "PRUNE web");
  }

  @Test
  void automatedSyncOfAnUnchangedCommitWritesNothingDespiteServerDefaults() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "web.yaml", DEPLOYMENT, "svc.yaml", SERVICE);
    assertThat(engine.sync(app).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    Map<String, String> before = versions();

    SyncResult again = engine.sync(app, SyncRequest.automated());

    assertThat(again.outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(again.plan().orElseThrow().diffs()).hasSize(4).allSatisfy(d -> assertThat(d.status())
        .as(d.key() + "\n" + d.unifiedDiff()).isEqualTo(DiffStatus.IN_SYNC));
    assertThat(again.record()).isEmpty();
    assertThat(again.changes().entries()).isEmpty();
    assertThat(versions()).isEqualTo(before);
    assertThat(engine.history(app)).hasSize(1);
  }

  @Test
  void newCommitChangesAddsAndPrunes() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG, "legacy.yaml", OLD_CONFIG);
    engine.sync(app);
    commit("second", "config.yaml", CONFIG.replace("blue", "green"), "legacy.yaml", null, "svc.yaml", SERVICE);

    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(result.changes().entries()).extracting(e -> e.action() + " " + e.key().name()).containsExactly(
        "UNCHANGED " + shop, "CONFIGURED settings", "CREATED web", "DELETED legacy");
    assertThat(cluster.get(key("", "ConfigMap", shop, "legacy"))).isEmpty();
    assertThat(cluster.get(key("", "ConfigMap", shop, "settings")).orElseThrow().get("data", "color"))
        .contains("green");
    assertThat(ClusterInventoryStore.of(cluster).read(shop).orElseThrow().keys())
        .doesNotContain(key("", "ConfigMap", shop, "legacy")).contains(key("", "Service", shop, "web"));
    assertThat(engine.history(app)).extracting(SyncRecord::message).containsExactly("second", "first");
  }

  @Test
  void hooksAndWavesRunInOrder() {
    commit("first",
        "ns.yaml", NAMESPACE,
        "migrate.yaml", job("migrate", "argocd.argoproj.io/hook: PreSync",
            "argocd.argoproj.io/hook-delete-policy: HookSucceeded"),
        "early.yaml", CONFIG.replace("name: settings",
            "name: early\n  annotations:\n    argocd.argoproj.io/sync-wave: \"-1\""),
        "web.yaml", DEPLOYMENT.replace("name: web\nspec",
            "name: web\n  annotations:\n    argocd.argoproj.io/sync-wave: \"1\"\nspec"),
        "notify.yaml", job("notify", "argocd.argoproj.io/hook: PostSync"));
    app = app.withOptions(app.options().withCreateNamespace(true));

    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(result.changes().entries()).extracting(e -> (e.hook() ? "hook " : "") + e.key().name())
        .as("the declared Namespace is reported once, by its own step")
        .containsExactly("hook migrate", "early", shop, "web", "hook notify");
    assertThat(result.changes().hooks()).extracting(ChangeEntry::action).containsOnly(Action.CREATED);
    // Hooks are deleted with the sync's propagation (background here: this server has no garbage
    // collector to finish a foreground deletion).
    assertThat(cluster.get(key("batch", "Job", shop, "migrate"))).as("deleted once succeeded").isEmpty();
    assertThat(cluster.get(key("batch", "Job", shop, "notify")).orElseThrow().deletionTimestamp())
        .as("kept by default").isEmpty();
    assertThat(ClusterInventoryStore.of(cluster).read(shop).orElseThrow().keys())
        .doesNotContain(key("batch", "Job", shop, "notify"), key("batch", "Job", shop, "migrate"));

    SyncResult again = engine.sync(app);
    assertThat(again.outcome()).as(again.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(again.changes().hooks()).as("hooks run on every sync; the old run is deleted first").hasSize(2)
        .extracting(ChangeEntry::action).containsOnly(Action.CREATED);
  }

  @Test
  void failingHookRunsSyncFailHooksAndPrunesNothing() {
    commit("first", "ns.yaml", NAMESPACE, "legacy.yaml", OLD_CONFIG);
    engine.sync(app);
    commit("second",
        "legacy.yaml", null,
        "migrate.yaml", job("migrate", "argocd.argoproj.io/hook: PreSync", "simulator.gitops.dev/outcome: fail"),
        "cleanup.yaml", job("cleanup", "argocd.argoproj.io/hook: SyncFail"),
        "config.yaml", CONFIG);

    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(result.changes().entries()).extracting(e -> e.action() + " " + e.key().name()).containsExactly(
        "FAILED migrate", "SKIPPED " + shop, "SKIPPED settings", "CREATED cleanup", "SKIPPED legacy");
    assertThat(cluster.get(key("", "ConfigMap", shop, "settings"))).isEmpty();
    assertThat(cluster.get(key("", "ConfigMap", shop, "legacy"))).isPresent();
    assertThat(ClusterInventoryStore.of(cluster).read(shop).orElseThrow().keys())
        .contains(key("", "ConfigMap", shop, "legacy"), key("", "ConfigMap", shop, "settings"));
    SyncRecord last = engine.history(app).get(0);
    assertThat(last.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(last.note()).contains("migrate");
  }

  @Test
  void customResourceDefinitionAndItsResourcesInOneSync() {
    String group = shop + ".example.com";
    commit("first", "crd.yaml", """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.GROUP
        spec:
          group: GROUP
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
                      size: {type: integer}
                      color: {type: string, default: blue}
        """.replace("GROUP", group), "ns.yaml", NAMESPACE, "widget.yaml", """
        apiVersion: GROUP/v1
        kind: Widget
        metadata:
          name: gear
        spec:
          size: 7
        """.replace("GROUP", group));

    Plan plan = engine.plan(app);
    assertThat(plan.steps()).extracting(s -> s.key().kind())
        .containsExactly("Namespace", "CustomResourceDefinition", "Widget");
    SyncResult result = engine.sync(app);

    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    LiveObject gear = cluster.get(key(group, "Widget", shop, "gear")).orElseThrow();
    assertThat(gear.get("spec", "size")).contains(7L);
    assertThat(gear.get("spec", "color")).as("the schema's default").contains("blue");
    Plan after = engine.plan(app);
    assertThat(after.isInSync()).as(after.describe()).isTrue();
  }

  @Test
  void immutableFieldChangeIsRefusedWithAHintThenReplacedWhenAskedFor() {
    commit("first", "ns.yaml", NAMESPACE, "job.yaml", job("batch-load"));
    assertThat(engine.sync(app).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
    String uid = cluster.get(key("batch", "Job", shop, "batch-load")).orElseThrow().uid();
    commit("second", "job.yaml", job("batch-load").replace("busybox:1.36", "busybox:1.37"));

    SyncResult refused = engine.sync(app);
    assertThat(refused.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(refused.changes().failures()).singleElement().satisfies(e -> assertThat(e.message())
        .contains("field is immutable").contains("spec.template").contains("Replace=true"));

    SyncResult replaced = engine.sync(app.withOptions(app.options().withReplace(true)));

    assertThat(replaced.outcome()).as(replaced.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(replaced.changes().withAction(Action.REPLACED)).singleElement()
        .satisfies(e -> assertThat(e.key().name()).isEqualTo("batch-load"));
    LiveObject job = cluster.get(key("batch", "Job", shop, "batch-load")).orElseThrow();
    assertThat(job.uid()).isNotEqualTo(uid);
    assertThat(job.get("spec", "template", "spec", "containers")).asString().contains("busybox:1.37");
    Plan after = engine.plan(app);
    assertThat(after.isInSync()).as(after.describe()).isTrue();
  }

  @Test
  void driftByAnotherManagerIsPlannedAndRepairedByAForcedSync() {
    commit("first", "ns.yaml", NAMESPACE, "web.yaml", DEPLOYMENT);
    engine.sync(app);
    cluster.apply(TestObjects.manifest("", 0, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: SHOP}
        spec: {replicas: 5}
        """.replace("SHOP", shop)), ApplyOptions.defaults().withFieldManager("kubectl-edit").withForce(true));

    Plan plan = engine.plan(app);
    assertThat(plan.changes()).singleElement().satisfies(s -> {
      assertThat(s.action()).isEqualTo(Step.Action.UPDATE);
      assertThat(s.diff().changes().toString()).contains("replicas");
    });
    SyncResult unforced = engine.sync(app);
    assertThat(unforced.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(unforced.changes().failures()).singleElement().satisfies(e -> {
      assertThat(e.conflicts()).extracting(c -> c.manager() + " " + c.path())
          .containsExactly("kubectl-edit .spec.replicas");
      assertThat(e.message()).contains("kubectl-edit").contains("force");
    });

    SyncResult forced = engine.sync(app.withOptions(app.options().withForce(true)));

    assertThat(forced.outcome()).as(forced.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(cluster.get(key("apps", "Deployment", shop, "web")).orElseThrow().get("spec", "replicas"))
        .contains(2L);
    Plan after = engine.plan(app);
    assertThat(after.isInSync()).as(after.describe()).isTrue();
  }

  @Test
  void rollbackHoldsAutomatedSyncsUntilResumed() {
    String first = commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    commit("second", "config.yaml", CONFIG.replace("blue", "red"), "svc.yaml", SERVICE);
    engine.sync(app);

    SyncResult rollback = engine.rollback(app, first.substring(0, 12), "bob");

    assertThat(rollback.outcome()).as(rollback.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(color()).contains("blue");
    assertThat(cluster.get(key("", "Service", shop, "web"))).as("pruned: not in the first revision").isEmpty();
    SyncRecord record = rollback.record().orElseThrow();
    assertThat(record.trigger()).isEqualTo(Trigger.ROLLBACK);
    assertThat(record.commitId()).isEqualTo(first);
    assertThat(record.note()).contains("rollback to " + first.substring(0, 12)).contains("#1");
    assertThat(engine.isHeld(app)).isTrue();

    SyncResult held = engine.sync(app, SyncRequest.automated());
    assertThat(held.outcome()).isEqualTo(SyncOutcome.HELD);
    assertThat(color()).contains("blue");

    engine.resume(app, "bob");
    SyncResult resumed = engine.sync(app, SyncRequest.automated());
    assertThat(resumed.outcome()).as(resumed.describe()).isEqualTo(SyncOutcome.SUCCEEDED);
    assertThat(color()).contains("red");
    assertThat(engine.history(app)).extracting(SyncRecord::trigger).containsExactly(Trigger.AUTOMATED,
        Trigger.RESUME, Trigger.ROLLBACK, Trigger.MANUAL, Trigger.MANUAL);
  }

  @Test
  void twoApplicationsOwningTheSameObjectConflict() {
    commit("first", "ns.yaml", NAMESPACE, "config.yaml", CONFIG);
    engine.sync(app);
    Application other = Application.builder(shop + "-copy").source(repo.source()).path("apps/shop")
        .destination(cluster, shop).build();

    assertThatThrownBy(() -> engine.sync(other)).isInstanceOfSatisfying(InventoryConflictException.class, e -> {
      assertThat(e.application()).isEqualTo(shop + "-copy");
      assertThat(e.owner()).isEqualTo(shop);
    });
    assertThat(engine.history(other)).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(SyncOutcome.FAILED));
    assertThat(ClusterInventoryStore.of(cluster).read(shop + "-copy")).isEmpty();
  }

  // ---- helpers ----

  /** Commits files under apps/shop (pairs of path and content; null removes), with SHOP as the namespace. */
  private String commit(String message, String... pathsAndContents) {
    var c = repo.commit().message(message).author("Alice", "alice@example.com");
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      String content = pathsAndContents[i + 1];
      if (content == null) {
        c.remove("apps/shop/" + pathsAndContents[i]);
      } else {
        c.add("apps/shop/" + pathsAndContents[i], content.replace("SHOP", shop));
      }
    }
    return c.call();
  }

  /**
   * The resourceVersion of every object a sync of this test could write: the namespace, the
   * kinds it holds, and the inventories and history records of every application.
   */
  private Map<String, String> versions() {
    Map<String, String> out = new TreeMap<>();
    cluster.get(key("", "Namespace", "", shop)).ifPresent(n -> out.put(n.key().toString(), n.resourceVersion()));
    for (String[] kind : List.of(new String[] {"", "ConfigMap"}, new String[] {"", "Service"},
        new String[] {"apps", "Deployment"}, new String[] {"batch", "Job"})) {
      for (String ns : List.of(shop, STATE)) {
        for (LiveObject o : cluster.list(ListRequest.of(kind[0], kind[1]).inNamespace(ns))) {
          out.put(o.key().toString(), o.resourceVersion());
        }
      }
    }
    return out;
  }

  private java.util.Optional<Object> color() {
    return cluster.get(key("", "ConfigMap", shop, "settings")).orElseThrow().get("data", "color");
  }

  private static ObjectKey key(String group, String kind, String ns, String name) {
    return new ObjectKey(group, kind, ns, name);
  }

}
