package dev.gitops.cluster;

import dev.gitops.testing.MutableClock;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.container;
import static dev.gitops.cluster.Fixtures.deployment;
import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.manifest;
import static dev.gitops.cluster.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ServerSideApplyTest {
  private final MutableClock clock = new MutableClock();
  private final InMemoryCluster cluster = InMemoryCluster.builder().clock(clock).build();

  private LiveObject apply(Map<String, Object> object, String manager) {
    return cluster.apply(manifest(object), by(manager));
  }

  private static ManagedFields entry(LiveObject live, String manager) {
    return live.managedFields().stream().filter(e -> e.manager().equals(manager)).findFirst().orElseThrow();
  }

  @Test
  void managedFieldsAreFieldsV1WithKeysForMapListItems() {
    Map<String, Object> d = deployment(map("containers", list(map(
        "name", "web", "image", "nginx:1",
        "ports", list(map("containerPort", 80, "protocol", "TCP")),
        "env", list(map("name", "MODE", "value", "fast"))))));
    Map<String, Object> spec = Fixtures.map("replicas", 2, "selector", map("matchLabels", map("app", "web")));
    spec.putAll(Trees.copyMap((Map<String, Object>) d.get("spec")));
    d.put("spec", spec);
    LiveObject live = apply(d, "ci");

    ManagedFields e = entry(live, "ci");
    assertThat(e.operation()).isEqualTo("Apply");
    assertThat(e.apiVersion()).isEqualTo("apps/v1");
    assertThat(live.get("metadata", "managedFields")).hasValueSatisfying(mf ->
        assertThat(((Map<?, ?>) ((List<?>) mf).get(0)).get("time")).isEqualTo("2026-03-01T10:00:00Z"));
    Map<String, Object> expected = map(
        "f:spec", map(
            "f:replicas", map(),
            "f:selector", map(),
            "f:template", map("f:spec", map("f:containers", map(
                "k:{\"name\":\"web\"}", map(
                    ".", map(),
                    "f:env", map("k:{\"name\":\"MODE\"}", map(".", map(), "f:name", map(), "f:value", map())),
                    "f:image", map(),
                    "f:name", map(),
                    "f:ports", map("k:{\"containerPort\":80,\"protocol\":\"TCP\"}",
                        map(".", map(), "f:containerPort", map(), "f:protocol", map()))))))));
    assertThat(e.fieldsV1()).isEqualTo(expected);
  }

  @Test
  void managersOwnDifferentItemsOfOneMapList() {
    apply(deployment(map("containers", list(container("web", "nginx")))), "app");
    LiveObject both = apply(deployment(map("containers", list(container("proxy", "envoy")))), "mesh");

    assertThat(names(both)).containsExactly("web", "proxy");

    LiveObject again = apply(deployment(map("containers", list(container("web", "nginx")))), "app");
    assertThat(again.resourceVersion()).isEqualTo(both.resourceVersion());

    Map<String, Object> withoutContainers = deployment(map());
    LiveObject dropped = apply(withoutContainers, "mesh");
    assertThat(names(dropped)).containsExactly("web");
  }

  @Test
  void conflictOnAContainerFieldNamesTheItemThenForceMovesOwnership() {
    apply(deployment(map("containers", list(container("web", "nginx:1")))), "app");

    ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
        () -> apply(deployment(map("containers", list(container("web", "nginx:2")))), "ops"));
    assertThat(e.conflicts()).containsExactly(new FieldConflict("app", ".spec.template.spec.containers[name=\"web\"].image"));
    assertThat(e.getMessage()).contains("in-memory", "apps/Deployment default/web", "conflict with \"app\"",
        ".spec.template.spec.containers[name=\"web\"].image");
    assertThat(e.key().name()).isEqualTo("web");

    LiveObject forced = cluster.apply(manifest(deployment(map("containers", list(container("web", "nginx:2"))))),
        by("ops").withForce(true));
    assertThat(containerAt(forced, 0).get("image")).isEqualTo("nginx:2");
    Map<String, Object> appItem = item(entry(forced, "app"));
    assertThat(appItem).containsKeys(".", "f:name").doesNotContainKey("f:image");
    assertThat(item(entry(forced, "ops"))).containsKeys("f:image", "f:name");
  }

  @Test
  void droppingOneEnvEntryRemovesOnlyThatEntry() {
    Map<String, Object> c = container("web", "nginx");
    c.put("env", list(map("name", "A", "value", "1"), map("name", "B", "value", "2")));
    apply(deployment(map("containers", list(c))), "app");
    c.put("env", list(map("name", "A", "value", "1")));
    LiveObject live = apply(deployment(map("containers", list(c))), "app");

    assertThat((List<Object>) containerAt(live, 0).get("env")).containsExactly(Map.of("name", "A", "value", "1"));
  }

  @Test
  void portsAreKeyedByContainerPortAndProtocol() {
    Map<String, Object> c = container("web", "nginx");
    c.put("ports", list(map("containerPort", 53, "protocol", "TCP")));
    apply(deployment(map("containers", list(c))), "tcp");
    Map<String, Object> udp = container("web", "nginx");
    udp.put("ports", list(map("containerPort", 53, "protocol", "UDP")));
    LiveObject live = apply(deployment(map("containers", list(udp))), "udp");

    assertThat((List<Object>) containerAt(live, 0).get("ports")).hasSize(2);
  }

  @Test
  void setItemsAreOwnedByValue() {
    apply(withFinalizers("a.example.com/x"), "one");
    LiveObject both = apply(withFinalizers("b.example.com/y"), "two");
    assertThat(both.finalizers()).containsExactly("a.example.com/x", "b.example.com/y");
    assertThat(entry(both, "one").fieldsV1())
        .isEqualTo(map("f:metadata", map("f:finalizers", map("v:\"a.example.com/x\"", map()))));

    LiveObject after = apply(withFinalizers(), "one");
    assertThat(after.finalizers()).containsExactly("b.example.com/y");
  }

  @Test
  void atomicListsAreOwnedAndReplacedWhole() {
    Map<String, Object> t1 = map("key", "a", "operator", "Exists");
    Map<String, Object> t2 = map("key", "b", "operator", "Exists");
    apply(deployment(map("tolerations", list(t1))), "one");

    ApplyConflictException e = catchThrowableOfType(ApplyConflictException.class,
        () -> apply(deployment(map("tolerations", list(t2))), "two"));
    assertThat(e.conflicts()).containsExactly(new FieldConflict("one", ".spec.template.spec.tolerations"));

    LiveObject forced = cluster.apply(manifest(deployment(map("tolerations", list(t2)))), by("two").withForce(true));
    assertThat(forced.get("spec", "template", "spec", "tolerations")).contains(List.of(Map.of("key", "b", "operator", "Exists")));
  }

  @Test
  void atomicMapsAreReplacedWhole() {
    // A PodDisruptionBudget's selector is an atomic LabelSelector that, unlike a Deployment's, may change.
    Map<String, Object> d = map("apiVersion", "policy/v1", "kind", "PodDisruptionBudget",
        "metadata", map("name", "web", "namespace", "default"), "spec", map("minAvailable", 1));
    ((Map<String, Object>) d.get("spec")).put("selector", map("matchLabels", map("app", "web", "tier", "front")));
    apply(d, "one");
    ((Map<String, Object>) d.get("spec")).put("selector", map("matchLabels", map("app", "api")));
    LiveObject live = cluster.apply(manifest(d), by("two").withForce(true));

    assertThat(live.get("spec", "selector")).contains(Map.of("matchLabels", Map.of("app", "api")));
  }

  @Test
  void droppingTheLastLabelLeavesNoEmptyMap() {
    Map<String, Object> cm = map("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", map("name", "c", "namespace", "default", "labels", map("app", "web")));
    apply(cm, "one");
    ((Map<String, Object>) cm.get("metadata")).remove("labels");
    LiveObject live = apply(cm, "one");

    assertThat(live.get("metadata", "labels")).isEmpty();
    assertThat(live.managedFields()).isEmpty();
  }

  @Test
  void nullInTheAppliedConfigurationRemovesTheField() {
    apply(configMap(map("a", "1", "b", "2")), "one");
    LiveObject live = apply(configMap(map("a", "1", "b", null)), "one");

    assertThat(live.get("data")).contains(Map.of("a", "1"));
  }

  @Test
  void fieldsOfNoManagerCanBeChangedWithoutConflict() {
    apply(configMap(map("a", "1")), "one");
    LiveObject live = apply(configMap(map("a", "1")), "two");
    assertThat(live.managedFields()).extracting(ManagedFields::manager).containsExactly("one", "two");
  }

  @Test
  void identicalReapplyKeepsTheManagedFieldsTime() {
    LiveObject first = apply(configMap(map("a", "1")), "one");
    clock.advance(Duration.ofMinutes(5));
    LiveObject again = apply(configMap(map("a", "1")), "one");
    assertThat(again).isSameAs(first);

    LiveObject changed = apply(configMap(map("a", "2")), "one");
    assertThat(changed.get("metadata", "managedFields").orElseThrow().toString()).contains("2026-03-01T10:05:00Z");
  }

  @Test
  void resourceVersionIsOneCounterForTheWholeCluster() {
    long a = Long.parseLong(apply(configMap(map("a", "1")), "one").resourceVersion());
    Map<String, Object> other = configMap(map("a", "1"));
    ((Map<String, Object>) other.get("metadata")).put("name", "other");
    long b = Long.parseLong(apply(other, "one").resourceVersion());
    assertThat(b).isEqualTo(a + 1);
  }

  @Test
  void serverManagedMetadataInTheConfigurationIsIgnored() {
    LiveObject first = apply(configMap(map("a", "1")), "one");
    Map<String, Object> cm = configMap(map("a", "1"));
    Map<String, Object> meta = (Map<String, Object>) cm.get("metadata");
    meta.put("uid", "forged");
    meta.put("resourceVersion", "999");
    meta.put("creationTimestamp", "2000-01-01T00:00:00Z");
    LiveObject again = apply(cm, "one");

    assertThat(again).isSameAs(first);
  }

  private static Map<String, Object> configMap(Map<String, Object> data) {
    return map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", "c", "namespace", "default"),
        "data", data);
  }

  private static Map<String, Object> withFinalizers(String... finalizers) {
    Map<String, Object> meta = map("name", "c", "namespace", "default");
    if (finalizers.length > 0) {
      meta.put("finalizers", list((Object[]) finalizers));
    }
    return map("apiVersion", "v1", "kind", "ConfigMap", "metadata", meta);
  }

  private static List<Object> names(LiveObject d) {
    return ((List<?>) d.get("spec", "template", "spec", "containers").orElseThrow()).stream()
        .map(c -> ((Map<?, ?>) c).get("name")).map(Object.class::cast).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> containerAt(LiveObject d, int i) {
    return (Map<String, Object>) ((List<?>) d.get("spec", "template", "spec", "containers").orElseThrow()).get(i);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> item(ManagedFields e) {
    Map<?, ?> spec = (Map<?, ?>) e.fieldsV1().get("f:spec");
    Map<?, ?> containers = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) spec.get("f:template")).get("f:spec")).get("f:containers");
    return (Map<String, Object>) containers.get("k:{\"name\":\"web\"}");
  }
}
