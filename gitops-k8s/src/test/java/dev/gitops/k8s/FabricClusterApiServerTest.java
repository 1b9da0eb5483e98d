package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.ForbiddenException;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.ListType;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ManagedFields;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.cluster.ResourceType;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.cluster.UnknownResourceTypeException;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import io.fabric8.kubernetes.client.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link FabricCluster} against a real kube-apiserver and etcd. Each test works in a namespace of
 * its own (the server has no controllers, so namespaces are never deleted; they die with it).
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class FabricClusterApiServerTest {
  private static final String MANAGER = ApplyOptions.DEFAULT_FIELD_MANAGER;
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration EVENTUALLY = Duration.ofSeconds(30);

  private final KubeApiServer server;
  private FabricCluster cluster;
  private String namespace;

  FabricClusterApiServerTest(KubeApiServer server) {
    this.server = server;
  }

  @BeforeEach
  void open() {
    cluster = FabricCluster.builder().config(server.config()).name("test-apiserver").build();
    namespace = "it-" + NAMESPACES.incrementAndGet();
    cluster.apply(manifest(Map.of("apiVersion", "v1", "kind", "Namespace",
        "metadata", Map.of("name", namespace))), ApplyOptions.defaults());
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  @Test
  void discoveryServesBuiltInKinds() {
    assertThat(cluster.resourceType("apps", "Deployment")).contains(
        new ResourceType("apps", "v1", "Deployment", "deployments", true));
    assertThat(cluster.resourceType("", "Namespace")).contains(
        new ResourceType("", "v1", "Namespace", "namespaces", false));
    assertThat(cluster.resourceType("apps", "NoSuchKind")).isEmpty();
    assertThat(cluster.resourceTypes()).extracting(ResourceType::kind)
        .contains("ConfigMap", "Deployment", "CustomResourceDefinition")
        .doesNotContain("Scale"); // a subresource
  }

  @Test
  void applyCreatesAndRecordsOurFieldManager() {
    LiveObject applied = cluster.apply(configMap("created", Map.of("color", "blue")),
        ApplyOptions.defaults());

    LiveObject stored = cluster.get(key("created")).orElseThrow();
    assertThat(stored.key()).isEqualTo(key("created"));
    assertThat(stored.resourceVersion()).isEqualTo(applied.resourceVersion()).isNotEmpty();
    assertThat(stored.get("data", "color")).contains("blue");
    assertThat(stored.managedFields()).singleElement().satisfies(fields -> {
      assertThat(fields.manager()).isEqualTo(MANAGER);
      assertThat(fields.operation()).isEqualTo("Apply");
      assertThat(fields.apiVersion()).isEqualTo("v1");
      assertThat(fields.fieldsV1()).containsKey("f:data");
      assertThat(owned(fields.fieldsV1(), "f:data")).contains("f:color");
    });
  }

  @Test
  void identicalReapplyLeavesTheResourceVersionUnchanged() {
    Manifest desired = configMap("stable", Map.of("a", "1"));
    String first = cluster.apply(desired, ApplyOptions.defaults()).resourceVersion();

    String second = cluster.apply(desired, ApplyOptions.defaults()).resourceVersion();

    assertThat(second).isEqualTo(first);
    assertThat(cluster.get(key("stable")).orElseThrow().resourceVersion()).isEqualTo(first);
  }

  @Test
  void conflictWithAnotherManagerThenForce() {
    cluster.apply(configMap("contested", Map.of("key", "mine")),
        ApplyOptions.defaults().withFieldManager("other-manager"));
    Manifest ours = configMap("contested", Map.of("key", "ours"));

    assertThatThrownBy(() -> cluster.apply(ours, ApplyOptions.defaults()))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
          assertThat(e.key()).isEqualTo(key("contested"));
          assertThat(e.conflicts()).containsExactly(new FieldConflict("other-manager", ".data.key"));
          assertThat(e.getMessage()).contains("test-apiserver", key("contested").toString());
        });

    LiveObject forced = cluster.apply(ours, ApplyOptions.defaults().withForce(true));
    assertThat(forced.get("data", "key")).contains("ours");
    assertThat(forced.managedFields()).extracting(ManagedFields::manager).contains(MANAGER);
    ManagedFields mine = forced.managedFields().stream()
        .filter(f -> f.manager().equals(MANAGER)).findFirst().orElseThrow();
    assertThat(owned(mine.fieldsV1(), "f:data")).contains("f:key");
  }

  @Test
  void dryRunsStoreNothing() {
    LiveObject wouldBe = cluster.apply(configMap("imagined", Map.of("k", "v")),
        ApplyOptions.defaults().withDryRun(true));

    assertThat(wouldBe.get("data", "k")).contains("v");
    assertThat(cluster.get(key("imagined"))).isEmpty();

    cluster.apply(configMap("kept", Map.of("k", "v")), ApplyOptions.defaults());
    assertThat(cluster.delete(key("kept"), DeleteOptions.defaults().withDryRun(true)))
        .isEqualTo(DeleteResult.DELETED);
    assertThat(cluster.get(key("kept"))).isPresent();
  }

  @Test
  void listByNamespaceAndLabelSelector() {
    cluster.apply(labelled("web-1", "web"), ApplyOptions.defaults());
    cluster.apply(labelled("web-2", "web"), ApplyOptions.defaults());
    cluster.apply(labelled("db-1", "db"), ApplyOptions.defaults());

    List<LiveObject> web = cluster.list(
        ListRequest.of("", "ConfigMap").inNamespace(namespace).withLabelSelector("app=web"));
    assertThat(web).extracting(o -> o.key().name()).containsExactlyInAnyOrder("web-1", "web-2");
    assertThat(web).allSatisfy(o -> {
      assertThat(o.apiVersion()).isEqualTo("v1");
      assertThat(o.key().kind()).isEqualTo("ConfigMap");
    });

    assertThat(cluster.list(ListRequest.of("", "ConfigMap").inNamespace(namespace)
        .withLabelSelector("app in (web,db),app!=web")))
        .extracting(o -> o.key().name()).containsExactly("db-1");
    assertThat(cluster.list(ListRequest.of("", "ConfigMap").withLabelSelector("app=db")))
        .extracting(LiveObject::key).contains(key("db-1"));
    assertThat(cluster.list(ListRequest.of("", "Namespace")))
        .extracting(o -> o.key().name()).contains("default", namespace);
    assertThatThrownBy(() -> cluster.list(ListRequest.of("", "ConfigMap").inNamespace(namespace)
        .withLabelSelector("app in (web")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("app in (web");
  }

  @Test
  void customResourceOfANewDefinitionThroughDiscoveryRefresh() {
    String group = "widgets" + NAMESPACES.incrementAndGet() + ".example.com";
    assertThat(cluster.resourceType(group, "Widget")).isEmpty();
    assertThatThrownBy(() -> cluster.apply(widget(group, "w1"), ApplyOptions.defaults()))
        .isInstanceOf(UnknownResourceTypeException.class)
        .hasMessageContaining("Widget");

    cluster.apply(widgetDefinition(group), ApplyOptions.defaults());
    ResourceType type = eventually(() -> cluster.resourceType(group, "Widget"));

    assertThat(type).isEqualTo(new ResourceType(group, "v1", "Widget", "widgets", true));
    LiveObject applied = cluster.apply(widget(group, "w1"), ApplyOptions.defaults());
    assertThat(applied.get("spec", "size")).contains(3L);
    assertThat(cluster.get(new ObjectKey(group, "Widget", namespace, "w1"))).isPresent();
    assertThat(cluster.list(ListRequest.of(group, "Widget").inNamespace(namespace))).hasSize(1);

    // The definition's schema reaches OpenAPI v3 shortly after it is established.
    ListType ports = eventually(() -> {
      ListType t = cluster.schema().listType(group, "Widget", List.of("spec", "ports"));
      return t.kind() == ListType.Kind.MAP ? Optional.of(t) : Optional.empty();
    });
    assertThat(ports).isEqualTo(ListType.map("port", "protocol"));
    assertThat(cluster.schema().listType(group, "Widget", List.of("spec", "tags")))
        .isEqualTo(ListType.set());
  }

  @Test
  void schemaOfBuiltInKindsFromOpenApiV3() {
    SchemaTable schema = cluster.schema();

    assertThat(schema.listType("apps", "Deployment", List.of("spec", "template", "spec",
        "containers"))).isEqualTo(ListType.map("name"));
    assertThat(schema.listType("apps", "Deployment", List.of("spec", "template", "spec",
        "containers", "ports"))).isEqualTo(ListType.map("containerPort", "protocol"));
    assertThat(schema.listType("apps", "Deployment", List.of("spec", "template", "spec",
        "containers", "args"))).isEqualTo(ListType.atomic());
    assertThat(schema.isAtomicMap("apps", "Deployment", List.of("spec", "selector"))).isTrue();
    assertThat(schema.isAtomicMap("apps", "Deployment", List.of("spec", "template"))).isFalse();
    assertThat(schema.listType("", "Service", List.of("spec", "ports")))
        .isEqualTo(ListType.map("port", "protocol"));
  }

  @Test
  void deleteReportsFinalizersAndMissingObjects() {
    Map<String, Object> held = new LinkedHashMap<>(configMap("held", Map.of("k", "v")).object());
    held.put("metadata", Map.of("name", "held", "namespace", namespace,
        "finalizers", List.of("example.com/hold")));
    cluster.apply(manifest(held), ApplyOptions.defaults());
    cluster.apply(configMap("plain", Map.of("k", "v")), ApplyOptions.defaults());

    assertThat(cluster.delete(key("held"), DeleteOptions.defaults().withDryRun(true)))
        .isEqualTo(DeleteResult.PENDING_FINALIZERS);
    assertThat(cluster.get(key("held")).orElseThrow().deletionTimestamp()).isEmpty();
    assertThat(cluster.delete(key("held"), DeleteOptions.defaults()))
        .isEqualTo(DeleteResult.PENDING_FINALIZERS);
    assertThat(cluster.get(key("held")).orElseThrow().deletionTimestamp()).isPresent();
    assertThat(cluster.delete(key("plain"), DeleteOptions.defaults()))
        .isEqualTo(DeleteResult.DELETED);
    assertThat(cluster.get(key("plain"))).isEmpty();
    assertThat(cluster.delete(key("plain"), DeleteOptions.defaults()))
        .isEqualTo(DeleteResult.NOT_FOUND);

    // Applying without the finalizer removes it (we own it), and the deletion completes.
    cluster.apply(configMap("held", Map.of("k", "v")), ApplyOptions.defaults());
    assertThat(cluster.get(key("held"))).isEmpty();
  }

  @Test
  void watchSeesCreateUpdateAndDeleteInOrder() throws InterruptedException {
    cluster.apply(configMap("before", Map.of("k", "v")), ApplyOptions.defaults());
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    List<ClusterException> closes = new ArrayList<>();
    WatchListener listener = new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        events.add(event);
      }

      @Override
      public void onClose(ClusterException cause) {
        closes.add(cause);
      }
    };

    try (Watch watch = cluster.watch(
        new WatchRequest("", "ConfigMap", namespace), listener)) {
      assertThat(next(events)).satisfies(e -> {
        assertThat(e.type()).isEqualTo(WatchEvent.Type.ADDED);
        assertThat(e.object().key()).isEqualTo(key("before"));
      });
      cluster.apply(configMap("watched", Map.of("k", "1")), ApplyOptions.defaults());
      cluster.apply(configMap("watched", Map.of("k", "2")), ApplyOptions.defaults());
      cluster.delete(key("watched"), DeleteOptions.defaults());

      WatchEvent added = next(events);
      WatchEvent modified = next(events);
      WatchEvent deleted = next(events);
      assertThat(List.of(added.type(), modified.type(), deleted.type())).containsExactly(
          WatchEvent.Type.ADDED, WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
      assertThat(added.object().get("data", "k")).contains("1");
      assertThat(modified.object().get("data", "k")).contains("2");
      assertThat(deleted.object().key()).isEqualTo(key("watched"));
    }
    cluster.apply(configMap("after", Map.of("k", "v")), ApplyOptions.defaults());
    assertThat(events.poll(1, TimeUnit.SECONDS)).isNull();
    assertThat(closes).isEmpty();
  }

  @Test
  void watchEndsWithOnCloseWhenItsKindIsDeleted() throws InterruptedException {
    String group = "gadgets" + NAMESPACES.incrementAndGet() + ".example.com";
    Manifest definition = widgetDefinition(group);
    cluster.apply(definition, ApplyOptions.defaults());
    eventually(() -> cluster.resourceType(group, "Widget"));
    cluster.apply(widget(group, "w1"), ApplyOptions.defaults());
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    BlockingQueue<ClusterException> closes = new LinkedBlockingQueue<>();
    WatchListener listener = new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        events.add(event);
      }

      @Override
      public void onClose(ClusterException cause) {
        closes.add(cause);
      }
    };

    try (Watch watch = cluster.watch(new WatchRequest(group, "Widget", namespace), listener)) {
      assertThat(next(events).type()).isEqualTo(WatchEvent.Type.ADDED);
      cluster.delete(definition.key(), DeleteOptions.defaults());

      // The definition's cleanup deletes its objects, then the kind's URL answers 404; the
      // watch's check notices within InformerWatch.CHECK_INTERVAL.
      ClusterException cause = closes.poll(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
      assertThat(cause).as("onClose within " + EVENTUALLY).isNotNull();
      assertThat(cause).isInstanceOf(UnknownResourceTypeException.class)
          .hasMessageContaining("test-apiserver")
          .hasMessageContaining(group);
      assertThat(cluster.resourceType(group, "Widget")).isEmpty();
    }
  }

  @Test
  void invalidNameIsNamed() {
    assertThatThrownBy(() -> cluster.apply(configMap("Not_Valid", Map.of()),
        ApplyOptions.defaults()))
        .isInstanceOfSatisfying(InvalidObjectException.class, e -> {
          assertThat(e.key()).isEqualTo(key("Not_Valid"));
          assertThat(e.causes()).extracting(FieldCause::field).contains("metadata.name");
          assertThat(e.getMessage()).contains("test-apiserver", key("Not_Valid").toString());
        });
  }

  @Test
  void objectInAMissingNamespaceNamesTheNamespace() {
    Manifest lost = manifest(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "lost", "namespace", "no-such-namespace")));

    assertThatThrownBy(() -> cluster.apply(lost, ApplyOptions.defaults()))
        .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
          assertThat(e.key()).isEqualTo(lost.key());
          assertThat(e.getMessage())
              .contains("test-apiserver", "namespace no-such-namespace does not exist");
        });
  }

  @Test
  void namespacedKindWithoutNamespaceIsInvalid() {
    Manifest homeless = manifest(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "homeless")));

    assertThatThrownBy(() -> cluster.apply(homeless, ApplyOptions.defaults()))
        .isInstanceOfSatisfying(InvalidObjectException.class, e ->
            assertThat(e.causes()).extracting(FieldCause::field).containsExactly("metadata.namespace"));
  }

  @Test
  void refusedByAuthorization() {
    Config config = server.config();
    config.setImpersonateUsername("nobody-in-particular");
    try (FabricCluster nobody = FabricCluster.builder().config(config).build()) {
      assertThatThrownBy(() -> nobody.list(ListRequest.of("", "ConfigMap").inNamespace(namespace)))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining(server.url())
          .hasMessageContaining("nobody-in-particular");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private ObjectKey key(String name) {
    return new ObjectKey("", "ConfigMap", namespace, name);
  }

  private Manifest configMap(String name, Map<String, String> data) {
    return manifest(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", name, "namespace", namespace), "data", data));
  }

  private Manifest labelled(String name, String app) {
    return manifest(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", name, "namespace", namespace, "labels", Map.of("app", app))));
  }

  private Manifest widget(String group, String name) {
    return manifest(Map.of("apiVersion", group + "/v1", "kind", "Widget",
        "metadata", Map.of("name", name, "namespace", namespace),
        "spec", Map.of("size", 3, "ports", List.of(Map.of("port", 80, "protocol", "TCP")))));
  }

  private static Manifest widgetDefinition(String group) {
    Map<String, Object> port = Map.of("type", "object", "required", List.of("port", "protocol"),
        "properties", Map.of("port", Map.of("type", "integer"),
            "protocol", Map.of("type", "string")));
    Map<String, Object> spec = Map.of("type", "object", "properties", Map.of(
        "size", Map.of("type", "integer"),
        "ports", Map.of("type", "array", "items", port,
            "x-kubernetes-list-type", "map",
            "x-kubernetes-list-map-keys", List.of("port", "protocol")),
        "tags", Map.of("type", "array", "items", Map.of("type", "string"),
            "x-kubernetes-list-type", "set")));
    return manifest(Map.of(
        "apiVersion", "apiextensions.k8s.io/v1",
        "kind", "CustomResourceDefinition",
        "metadata", Map.of("name", "widgets." + group),
        "spec", Map.of(
            "group", group,
            "scope", "Namespaced",
            "names", Map.of("plural", "widgets", "singular", "widget", "kind", "Widget",
                "listKind", "WidgetList"),
            "versions", List.of(Map.of("name", "v1", "served", true, "storage", true,
                "schema", Map.of("openAPIV3Schema", Map.of("type", "object",
                    "properties", Map.of("spec", spec))))))));
  }

  /** The field names under one entry of a FieldsV1 tree. */
  private static List<String> owned(Map<String, Object> fieldsV1, String field) {
    return fieldsV1.get(field) instanceof Map<?, ?> m
        ? m.keySet().stream().map(String::valueOf).toList()
        : List.of();
  }

  private static Manifest manifest(Map<String, ?> object) {
    return Manifest.of(object, SourceLocation.unknown());
  }

  private static WatchEvent next(BlockingQueue<WatchEvent> events) throws InterruptedException {
    WatchEvent event = events.poll(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
    assertThat(event).as("a watch event within " + EVENTUALLY).isNotNull();
    return event;
  }

  private static <T> T eventually(Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + EVENTUALLY);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
