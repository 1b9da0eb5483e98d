package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.manifest;
import static dev.gitops.cluster.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory cluster's rules for fields fixed at creation, beyond the conformance cases; the
 * messages are those kube-apiserver v1.37 gives.
 */
@SuppressWarnings("unchecked")
class ImmutableFieldsTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();

  private LiveObject apply(Map<String, Object> object) {
    return cluster.apply(manifest(object), by("test"));
  }

  private List<FieldCause> refused(Map<String, Object> object) {
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> apply(object));
    assertThat(e).as("InvalidObjectException").isNotNull();
    assertThat(e.isImmutableFieldChange()).isTrue();
    return e.causes();
  }

  private static Map<String, Object> spec(Map<String, Object> object) {
    return (Map<String, Object>) object.get("spec");
  }

  private static Map<String, Object> service(String type, String clusterIp) {
    Map<String, Object> spec = map("type", type, "ports", list(map("port", 80, "protocol", "TCP")));
    if (clusterIp != null) {
      spec.put("clusterIP", clusterIp);
    }
    if (type.equals("ExternalName")) {
      spec.put("externalName", "db.example.com");
    }
    return map("apiVersion", "v1", "kind", "Service", "metadata", map("name", "db", "namespace", "default"),
        "spec", spec);
  }

  @Test
  void serviceClusterIpMayChangeToAndFromExternalName() {
    apply(service("ClusterIP", "10.0.0.5"));
    assertThat(refused(service("ClusterIP", "None"))).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("spec.clusterIPs[0]");
      assertThat(c.reason()).isEqualTo("Invalid value: [\"None\"]: may not change once set");
      assertThat(c.type()).isEqualTo(FieldCause.INVALID);
    });

    Map<String, Object> external = service("ExternalName", null);
    external.put("spec", map("type", "ExternalName", "externalName", "db.example.com", "clusterIP", ""));
    assertThat(apply(external).get("spec", "type")).contains("ExternalName");
    assertThat(apply(service("ClusterIP", "10.0.0.6")).get("spec", "clusterIP")).contains("10.0.0.6");
  }

  @Test
  void serviceCreatedWithoutAClusterIpGetsOneAllocatedWhichThenCannotChange() {
    LiveObject created = apply(service("ClusterIP", null));
    Object allocated = created.get("spec", "clusterIP").orElseThrow();
    assertThat(created.get("spec", "clusterIPs")).contains(List.of(allocated));
    assertThat(apply(service("ClusterIP", null)).get("spec", "clusterIP")).as("kept by later applies")
        .contains(allocated);
    assertThatThrownBy(() -> apply(service("ClusterIP", "10.0.0.7"))).isInstanceOf(InvalidObjectException.class)
        .hasMessageContaining("may not change once set");
  }

  @Test
  void immutableSecretKeepsItsDataTypeAndMark() {
    Map<String, Object> secret = map("apiVersion", "v1", "kind", "Secret",
        "metadata", map("name", "s", "namespace", "default"), "type", "Opaque",
        "immutable", true, "stringData", map("a", "b"));
    apply(secret);
    secret.put("immutable", false);
    secret.put("stringData", map("a", "c"));

    assertThat(refused(secret)).extracting(FieldCause::field, FieldCause::reason).containsExactly(
        tuple("immutable", "Forbidden: field is immutable when `immutable` is set"),
        tuple("data", "Forbidden: field is immutable when `immutable` is set"));
  }

  @Test
  void secretTypeIsImmutable() {
    Map<String, Object> secret = map("apiVersion", "v1", "kind", "Secret",
        "metadata", map("name", "s", "namespace", "default"), "type", "Opaque");
    apply(secret);
    secret.put("type", "example.com/other");

    assertThat(refused(secret)).extracting(FieldCause::field).containsExactly("type");
  }

  @Test
  void configMapWithoutTheMarkMayChange() {
    Map<String, Object> cm = map("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", map("name", "c", "namespace", "default"), "immutable", false, "data", map("a", "1"));
    apply(cm);
    cm.put("data", map("a", "2"));
    cm.put("immutable", true);
    assertThat(apply(cm).get("data", "a")).contains("2");
  }

  @Test
  void boundClaimMayGrowButAPendingOneMayNot() {
    Map<String, Object> claim = map("apiVersion", "v1", "kind", "PersistentVolumeClaim",
        "metadata", map("name", "data", "namespace", "default"),
        "spec", map("accessModes", list("ReadWriteOnce"), "resources", map("requests", map("storage", "1Gi"))));
    apply(claim);
    spec(claim).put("resources", map("requests", map("storage", "2Gi")));
    assertThat(refused(claim)).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("spec");
      assertThat(c.type()).isEqualTo(FieldCause.FORBIDDEN);
    });

    Map<String, Object> bound = map("apiVersion", "v1", "kind", "PersistentVolumeClaim",
        "metadata", map("name", "data", "namespace", "default"), "status", map("phase", "Bound"));
    cluster.applyStatus(manifest(bound), by("binder"));
    assertThat(apply(claim).get("spec", "resources", "requests", "storage")).contains("2Gi");
    spec(claim).put("volumeAttributesClassName", "fast");
    assertThat(apply(claim).get("spec", "volumeAttributesClassName")).contains("fast");
  }

  @Test
  void statefulSetNamesEachFixedFieldItsUpdateChanges() {
    Map<String, Object> sts = map("apiVersion", "apps/v1", "kind", "StatefulSet",
        "metadata", map("name", "db", "namespace", "default"),
        "spec", map("serviceName", "db", "podManagementPolicy", "OrderedReady", "replicas", 1,
            "selector", map("matchLabels", map("app", "db")),
            "template", map("metadata", map("labels", map("app", "db")))));
    apply(sts);
    spec(sts).put("serviceName", "other");
    spec(sts).put("podManagementPolicy", "Parallel");

    assertThat(refused(sts)).extracting(FieldCause::field, FieldCause::reason).containsExactly(
        tuple("spec.serviceName", "Invalid value: \"other\": field is immutable"),
        tuple("spec.podManagementPolicy", "Invalid value: \"Parallel\": field is immutable"));

    spec(sts).put("serviceName", "db");
    spec(sts).put("podManagementPolicy", "OrderedReady");
    spec(sts).put("replicas", 3);
    spec(sts).put("minReadySeconds", 5);
    spec(sts).put("revisionHistoryLimit", 2);
    assertThat(apply(sts).get("spec", "replicas")).contains(3L);
  }

  @Test
  void daemonSetAndReplicaSetSelectorsAreImmutable() {
    for (String kind : List.of("DaemonSet", "ReplicaSet")) {
      Map<String, Object> set = map("apiVersion", "apps/v1", "kind", kind,
          "metadata", map("name", "x", "namespace", "default"),
          "spec", map("selector", map("matchLabels", map("app", "x"))));
      apply(set);
      spec(set).put("selector", map("matchLabels", map("app", "y")));
      assertThat(refused(set)).extracting(FieldCause::field).as(kind).containsExactly("spec.selector");
    }
  }

  @Test
  void dryRunIsRefusedAsTheWriteWouldBe() {
    Map<String, Object> cm = map("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", map("name", "c", "namespace", "default"), "immutable", true, "data", map("a", "1"));
    apply(cm);
    cm.put("data", map("a", "2"));
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> cluster.apply(manifest(cm), by("test").withDryRun(true)));
    assertThat(e).isNotNull();
    assertThat(e.immutableFields()).containsExactly("data");
  }
}
