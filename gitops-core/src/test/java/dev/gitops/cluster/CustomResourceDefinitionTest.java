package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.manifest;
import static dev.gitops.cluster.Fixtures.map;
import static dev.gitops.cluster.Fixtures.widget;
import static dev.gitops.cluster.Fixtures.widgetDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class CustomResourceDefinitionTest {
  private static final String GROUP = "example.com";
  private static final Map<String, Object> OPEN_SPEC = map("type", "object", "x-kubernetes-preserve-unknown-fields", true);
  private static final ObjectKey CRD = new ObjectKey("apiextensions.k8s.io", "CustomResourceDefinition", "", "widgets.example.com");
  private final InMemoryCluster cluster = InMemoryCluster.create();

  private LiveObject define(Map<String, Object> crd) {
    return cluster.apply(manifest(crd), by("admin"));
  }

  @Test
  void anAppliedDefinitionIsEstablishedAndServesItsKind() {
    assertThat(cluster.resourceType(GROUP, "Widget")).isEmpty();
    LiveObject crd = define(widgetDefinition(GROUP, "Namespaced", OPEN_SPEC));

    assertThat(cluster.resourceType(GROUP, "Widget"))
        .contains(new ResourceType(GROUP, "v1", "Widget", "widgets", true));
    assertThat(cluster.resourceTypes()).contains(new ResourceType(GROUP, "v1", "Widget", "widgets", true));
    assertThat(crd.generation()).isEqualTo(1L);
    assertThat((List<Object>) crd.get("status", "conditions").orElseThrow()).extracting(c -> (Object) ((Map<?, ?>) c).get("type"))
        .containsExactly("NamesAccepted", "Established");
    assertThat(crd.get("status", "acceptedNames")).contains(
        Map.of("plural", "widgets", "singular", "widget", "kind", "Widget", "listKind", "WidgetList"));
    assertThat(crd.get("status", "storedVersions")).contains(List.of("v1"));
    assertThat(crd.managedFields()).extracting(ManagedFields::manager, ManagedFields::operation)
        .containsExactly(tuple("admin", "Apply"),
            tuple("kube-apiserver", "Update"));

    LiveObject w = cluster.apply(manifest(widget(GROUP, "default", "w1", map("size", 1))), by("app"));
    assertThat(w.apiVersion()).isEqualTo("example.com/v1");
    assertThat(w.generation()).isEqualTo(1L);
  }

  @Test
  void reapplyingADefinitionChangesNothing() {
    LiveObject first = define(widgetDefinition(GROUP, "Namespaced", OPEN_SPEC));
    assertThat(define(widgetDefinition(GROUP, "Namespaced", OPEN_SPEC))).isSameAs(first);
  }

  @Test
  void customResourcesMergeByTheListTypesOfTheirSchema() {
    Map<String, Object> spec = map("type", "object", "properties", map(
        "rules", map("type", "array", "x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", list("id"),
            "items", map("type", "object", "properties", map("id", map("type", "string"), "to", map("type", "string")))),
        "tags", map("type", "array", "x-kubernetes-list-type", "set", "items", map("type", "string"))));
    define(widgetDefinition(GROUP, "Namespaced", spec));
    assertThat(cluster.schema().listType(GROUP, "Widget", List.of("spec", "rules"))).isEqualTo(ListType.map("id"));
    assertThat(cluster.schema().listType(GROUP, "Widget", List.of("metadata", "finalizers"))).isEqualTo(ListType.set());

    cluster.apply(manifest(widget(GROUP, "default", "w", map("rules", list(map("id", "a", "to", "x")), "tags", list("t1")))), by("one"));
    LiveObject both = cluster.apply(manifest(widget(GROUP, "default", "w", map("rules", list(map("id", "b", "to", "y")), "tags", list("t2")))), by("two"));

    assertThat((List<Object>) both.get("spec", "rules").orElseThrow()).hasSize(2);
    assertThat(both.get("spec", "tags")).contains(List.of("t1", "t2"));
  }

  @Test
  void statusIsAppliedWhenTheKindHasNoStatusSubresource() {
    Map<String, Object> crd = widgetDefinition(GROUP, "Namespaced", OPEN_SPEC);
    Map<String, Object> version = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) crd.get("spec")).get("versions")).get(0);
    version.remove("subresources");
    define(crd);
    Map<String, Object> w = widget(GROUP, "default", "w", map());
    w.put("status", map("phase", "Ready"));
    assertThat(cluster.apply(manifest(w), by("app")).get("status", "phase")).contains("Ready");
  }

  @Test
  void clusterScopedKindsTakeNoNamespace() {
    define(widgetDefinition(GROUP, "Cluster", OPEN_SPEC));
    assertThat(cluster.resourceType(GROUP, "Widget").orElseThrow().namespaced()).isFalse();
    assertThat(cluster.apply(manifest(widget(GROUP, null, "w", map())), by("app")).key().namespace()).isEmpty();

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> cluster.apply(manifest(widget(GROUP, "default", "w", map())), by("app")));
    assertThat(e.causes()).extracting(FieldCause::field).containsExactly("metadata.namespace");
  }

  @Test
  void versionsThatAreNotServedAreUnknown() {
    Map<String, Object> crd = widgetDefinition(GROUP, "Namespaced", OPEN_SPEC);
    List<Object> versions = (List<Object>) ((Map<String, Object>) crd.get("spec")).get("versions");
    Map<String, Object> v2 = Trees.copyMap((Map<String, Object>) versions.get(0));
    v2.put("name", "v2");
    v2.put("served", false);
    v2.put("storage", false);
    versions.add(v2);
    define(crd);
    Map<String, Object> w = widget(GROUP, "default", "w", map());
    w.put("apiVersion", GROUP + "/v2");

    assertThatThrownBy(() -> cluster.apply(manifest(w), by("app")))
        .isInstanceOf(UnknownResourceTypeException.class)
        .hasMessageContaining("Widget in version example.com/v2");
  }

  @Test
  void deletingADefinitionDeletesItsObjectsAndEndsItsWatches() throws InterruptedException {
    define(widgetDefinition(GROUP, "Namespaced", OPEN_SPEC));
    cluster.apply(manifest(widget(GROUP, "default", "w", map())), by("app"));
    BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    cluster.watch(WatchRequest.of(GROUP, "Widget"), new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        seen.add(event.type());
      }

      @Override
      public void onClose(ClusterException cause) {
        seen.add(cause);
      }
    });

    assertThat(cluster.delete(CRD, DeleteOptions.defaults())).isEqualTo(DeleteResult.DELETED);
    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(WatchEvent.Type.ADDED);
    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(WatchEvent.Type.DELETED);
    assertThat(seen.poll(5, TimeUnit.SECONDS)).isInstanceOf(UnknownResourceTypeException.class);
    assertThat(cluster.resourceType(GROUP, "Widget")).isEmpty();
    assertThatThrownBy(() -> cluster.apply(manifest(widget(GROUP, "default", "w", map())), by("app")))
        .isInstanceOf(UnknownResourceTypeException.class);
  }

  @Test
  void aDefinitionWaitsForItsObjectsFinalizers() {
    define(widgetDefinition(GROUP, "Namespaced", OPEN_SPEC));
    Map<String, Object> held = widget(GROUP, "default", "held", map());
    ((Map<String, Object>) held.get("metadata")).put("finalizers", list("example.com/hold"));
    cluster.apply(manifest(held), by("app"));

    assertThat(cluster.delete(CRD, DeleteOptions.defaults())).isEqualTo(DeleteResult.PENDING_FINALIZERS);
    assertThat(cluster.get(CRD).orElseThrow().deletionTimestamp()).isPresent();
    assertThatThrownBy(() -> cluster.apply(manifest(widget(GROUP, "default", "new", map())), by("app")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("widgets.example.com is being deleted");

    ((Map<String, Object>) held.get("metadata")).remove("finalizers");
    cluster.apply(manifest(held), by("app"));
    assertThat(cluster.get(CRD)).isEmpty();
    assertThat(cluster.resourceType(GROUP, "Widget")).isEmpty();
  }

  @Test
  void invalidDefinitionsNameTheirFields() {
    Map<String, Object> crd = widgetDefinition("nodot", "Sideways", OPEN_SPEC);
    ((Map<String, Object>) crd.get("metadata")).put("name", "gadgets.nodot");
    ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) crd.get("spec")).get("versions")).get(0)).put("storage", false);

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> define(crd));
    assertThat(e.causes()).extracting(FieldCause::field)
        .contains("spec.group", "spec.scope", "spec.versions", "metadata.name");
  }

  @Test
  void protectedGroupsNeedApproval() {
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> define(widgetDefinition("things.k8s.io", "Namespaced", OPEN_SPEC)));
    assertThat(e.causes()).extracting(FieldCause::field)
        .containsExactly("metadata.annotations[api-approved.kubernetes.io]");
  }

  @Test
  void scopeIsImmutable() {
    define(widgetDefinition(GROUP, "Namespaced", OPEN_SPEC));
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> define(widgetDefinition(GROUP, "Cluster", OPEN_SPEC)));
    assertThat(e.causes()).containsExactly(new FieldCause("spec.scope", "Invalid value: \"Cluster\": field is immutable"));
  }
}
