package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.apply.ChangeEntry;
import dev.gitops.apply.ChangeEntry.Action;
import dev.gitops.apply.Inventory;
import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncResult;
import dev.gitops.history.InMemoryHistoryStore;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.model.ObjectKey;
import dev.gitops.source.InMemoryGitRepository;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The engine over the fabric8 backend when the API server fails an apply in ways a real server
 * cannot be made to on demand: a server error, a request that outlives its timeout, a conflict and
 * an immutable-field refusal, from fabric8's mock server. Whatever the fault, the sync fails on
 * that object with the server's message, later waves are skipped, nothing is pruned, the inventory
 * written before the first apply holds the old and the new objects, and the history says so.
 *
 * <p>The application declares ConfigMaps {@code alpha} and {@code bravo} in wave 0 and
 * {@code charlie} in wave 1; its inventory holds {@code legacy}, no longer declared. The fault
 * is always on {@code bravo}, the second object of the first wave.
 */
class EngineFaultTest {
  private static final String SHOP = "/api/v1/namespaces/shop/configmaps/";
  private static final String STATE = "/api/v1/namespaces/gitops-system/configmaps";
  private static final String APPLY = "?fieldManager=gitops-sdk&force=false";
  private static final ObjectKey LEGACY = configMap("legacy");
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubernetesMockServer server;
  private FabricCluster cluster;
  private Engine engine;
  private InMemoryHistoryStore history;
  private Application app;
  private final Map<String, String> applied = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() {
    server = new KubernetesMockServer(false);
    server.init();
    serveDiscovery();
    serveInventory(LEGACY);
    serveObject(liveConfigMap("legacy", Map.of("mode", "old")));
    acceptApply(STATE + "/inventory-shop?fieldManager=gitops-sdk-inventory&force=true");
    acceptApply(SHOP + "alpha" + APPLY);
    acceptApply(SHOP + "charlie" + APPLY);
    cluster = FabricCluster.builder().config(config(server.url("/"))).name("mock")
        .requestTimeout(Duration.ofSeconds(1)).requestRetries(0).build();
    history = InMemoryHistoryStore.create();
    // One at a time, so that the order of requests is the order of the plan.
    engine = Engine.builder().historyStore(history).concurrency(1).build();
    InMemoryGitRepository repo = InMemoryGitRepository.create("config");
    repo.commit().message("three settings").author("Alice", "alice@example.com")
        .add("shop/alpha.yaml", configMapYaml("alpha", ""))
        .add("shop/bravo.yaml", configMapYaml("bravo", ""))
        .add("shop/charlie.yaml", configMapYaml("charlie",
            "\n  annotations:\n    argocd.argoproj.io/sync-wave: \"1\""))
        .call();
    app = Application.builder("shop").source(repo.source()).path("shop").destination(cluster, "shop")
        .options(SyncOptions.defaults().withHealthTimeout(Duration.ofSeconds(5))).build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    cluster.close();
    server.destroy();
  }

  @Test
  void serverErrorOnAnApplyFailsTheSyncThere() {
    server.expect().patch().withPath(SHOP + "bravo" + APPLY)
        .andReturn(500, status(500, "InternalError", "etcdserver: leader changed")).once();

    SyncResult result = engine.sync(app);

    assertFailedAtBravo(result).satisfies(e -> assertThat(e.message())
        .contains("HTTP 500").contains("etcdserver: leader changed"));
  }

  @Test
  void applyThatOutlivesTheRequestTimeoutFailsTheSyncThere() {
    server.expect().patch().delay(3, TimeUnit.SECONDS).withPath(SHOP + "bravo" + APPLY)
        .andReply(200, request -> request.getUtf8Body()).always();

    SyncResult result = engine.sync(app);

    assertFailedAtBravo(result).satisfies(e -> assertThat(e.message())
        .contains("mock").contains(configMap("bravo").toString()));
  }

  @Test
  void conflictWithAnotherManagerFailsTheSyncThereAndNamesTheManager() {
    Status conflict = new StatusBuilder(status(409, "Conflict",
        "Apply failed with 1 conflict: conflict with \"kubectl-edit\": .data.color"))
        .editDetails()
        .addToCauses(new StatusCauseBuilder().withReason("FieldManagerConflict")
            .withMessage("conflict with \"kubectl-edit\": .data.color").withField(".data.color").build())
        .endDetails()
        .build();
    server.expect().patch().withPath(SHOP + "bravo" + APPLY).andReturn(409, conflict).once();

    SyncResult result = engine.sync(app);

    assertFailedAtBravo(result).satisfies(e -> {
      assertThat(e.conflicts()).containsExactly(new FieldConflict("kubectl-edit", ".data.color"));
      assertThat(e.message()).contains("kubectl-edit").contains(".data.color").contains("force");
    });
  }

  @Test
  void immutableFieldRefusalFailsTheSyncThereWithAHint() {
    serveObject(new ConfigMapBuilder(liveConfigMap("bravo", Map.of("color", "red"))).withImmutable(true).build());
    Status invalid = new StatusBuilder(status(422, "Invalid",
        "ConfigMap \"bravo\" is invalid: data: Forbidden: field is immutable when `immutable` is set"))
        .editDetails()
        .addToCauses(new StatusCauseBuilder().withReason("FieldValueForbidden")
            .withMessage("Forbidden: field is immutable when `immutable` is set").withField("data").build())
        .endDetails()
        .build();
    server.expect().patch().withPath(SHOP + "bravo" + APPLY).andReturn(422, invalid).once();

    SyncResult result = engine.sync(app);

    assertFailedAtBravo(result).satisfies(e -> assertThat(e.message())
        .contains("field is immutable when `immutable` is set").contains("Replace=true"));
  }

  /**
   * What every fault leaves behind; returns bravo's entry for the fault's own checks.
   */
  private org.assertj.core.api.ObjectAssert<ChangeEntry> assertFailedAtBravo(SyncResult result) {
    assertThat(result.outcome()).as(result.describe()).isEqualTo(SyncOutcome.FAILED);
    assertThat(result.changes().entries()).extracting(e -> e.action() + " " + e.key().name())
        .containsExactly("CREATED alpha", "FAILED bravo", "SKIPPED charlie", "SKIPPED legacy");
    assertThat(result.changes().withAction(Action.SKIPPED)).allSatisfy(e -> assertThat(e.message())
        .contains("earlier step failed"));

    List<RecordedRequest> requests = requests();
    assertThat(requests).extracting(RecordedRequest::getMethod).doesNotContain("DELETE");
    assertThat(requests).filteredOn(r -> r.getMethod().equals("PATCH")).extracting(r -> r.getPath().split("\\?")[0])
        .as("the inventory first, then the first wave, never charlie, then the inventory again (its"
            + " sync-in-progress mark cleared, every object still held)")
        .containsExactly(STATE + "/inventory-shop", SHOP + "alpha", SHOP + "bravo", STATE + "/inventory-shop");
    assertThat(inventoryKeys(applied.get(STATE + "/inventory-shop"))).containsExactlyInAnyOrder(LEGACY, configMap("alpha"),
        configMap("bravo"), configMap("charlie"));

    SyncRecord record = result.record().orElseThrow();
    assertThat(history.list("shop")).containsExactly(record);
    assertThat(record.outcome()).isEqualTo(SyncOutcome.FAILED);
    assertThat(record.changes().created()).isEqualTo(1);
    assertThat(record.changes().failed()).isEqualTo(1);
    assertThat(record.changes().skipped()).isEqualTo(2);
    ChangeEntry bravo = result.changes().failures().get(0);
    assertThat(record.note()).contains(bravo.key().toString()).contains(bravo.message());
    return assertThat(bravo);
  }

  // ---- the mock server ----

  /** Core kinds: ConfigMaps only; no API groups; no OpenAPI (the built-in schema serves). */
  private void serveDiscovery() {
    server.expect().get().withPath("/api/v1").andReturn(200, new APIResourceListBuilder()
        .withGroupVersion("v1")
        .addNewResource().withName("configmaps").withKind("ConfigMap").withNamespaced(true)
        .withVerbs("get", "list", "watch", "patch", "delete").endResource()
        .build()).always();
    server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder().build()).always();
  }

  /** The application's inventory, as the in-cluster store keeps it, listed and read. */
  private void serveInventory(ObjectKey... keys) {
    ConfigMap inventory = new ConfigMapBuilder()
        .withNewMetadata().withName("inventory-shop").withNamespace("gitops-system")
        .addToLabels("gitops.dev/inventory-of", "shop").withResourceVersion("7").endMetadata()
        .addToData("application", "shop")
        .addToData("objects", Inventory.of("shop", List.of(keys)).encode())
        .build();
    server.expect().get().withPath(STATE + "?labelSelector=gitops.dev%2Finventory-of&limit=500")
        .andReturn(200, new ConfigMapListBuilder().withNewMetadata().withResourceVersion("7").endMetadata()
            .addToItems(inventory).build()).always();
    server.expect().get().withPath(STATE + "/inventory-shop").andReturn(200, inventory).always();
  }

  private void serveObject(ConfigMap live) {
    server.expect().get().withPath(SHOP + live.getMetadata().getName()).andReturn(200, live).always();
  }

  /**
   * Answers server-side applies at the path with what was sent, as if the server stored it, and
   * keeps the last one by path (the body can be read only once).
   */
  private void acceptApply(String path) {
    server.expect().patch().withPath(path).andReply(200, request -> {
      String body = request.getUtf8Body();
      applied.put(path.split("\\?")[0], body);
      return body;
    }).always();
  }

  private List<RecordedRequest> requests() {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      for (RecordedRequest r = server.takeRequest(10, TimeUnit.MILLISECONDS); r != null;
          r = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return out;
  }

  private static Set<ObjectKey> inventoryKeys(String written) {
    Map<?, ?> body = JSON.readValue(written, Map.class);
    String objects = String.valueOf(((Map<?, ?>) body.get("data")).get("objects"));
    return Inventory.decode("shop", objects).keys();
  }

  private static ConfigMap liveConfigMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop").withResourceVersion("3")
        .endMetadata().withData(data).build();
  }

  private static String configMapYaml(String name, String annotations) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s%s
        data:
          color: blue
        """.formatted(name, annotations);
  }

  private static ObjectKey configMap(String name) {
    return new ObjectKey("", "ConfigMap", "shop", name);
  }

  private static Config config(String url) {
    return new ConfigBuilder(Config.empty()).withMasterUrl(url).withTrustCerts(true).withNamespace("default")
        .build();
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
        .withNewDetails().withName("bravo").withKind("configmaps").endDetails()
        .build();
  }
}
