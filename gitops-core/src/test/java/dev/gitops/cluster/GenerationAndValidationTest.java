package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.configMap;
import static dev.gitops.cluster.Fixtures.container;
import static dev.gitops.cluster.Fixtures.deployment;
import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.manifest;
import static dev.gitops.cluster.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@SuppressWarnings("unchecked")
class GenerationAndValidationTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();

  private LiveObject apply(Map<String, Object> object) {
    return cluster.apply(manifest(object), by("test"));
  }

  private List<String> invalidFields(Map<String, Object> object) {
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> apply(object));
    assertThat(e).as("InvalidObjectException").isNotNull();
    assertThat(e.getMessage()).startsWith("in-memory: ");
    return e.causes().stream().map(FieldCause::field).toList();
  }

  @Test
  void generationCountsChangesOutsideMetadataAndStatus() {
    Map<String, Object> d = deployment(map("containers", list(container("web", "nginx:1"))));
    LiveObject created = apply(d);
    assertThat(created.generation()).isEqualTo(1L);

    ((Map<String, Object>) d.get("metadata")).put("labels", map("team", "a"));
    LiveObject labelled = apply(d);
    assertThat(labelled.resourceVersion()).isNotEqualTo(created.resourceVersion());
    assertThat(labelled.generation()).isEqualTo(1L);

    d.put("status", map("replicas", 3));
    assertThat(apply(d)).as("status is not applied to built-in kinds").isSameAs(labelled);

    d.put("spec", map("replicas", 2, "template", map("spec", map("containers", list(container("web", "nginx:1"))))));
    assertThat(apply(d).generation()).isEqualTo(2L);
  }

  @Test
  void kindsWithoutGenerationHaveNone() {
    assertThat(cluster.apply(configMap("default", "c", map("a", "1")), by("test")).generation()).isZero();
  }

  @Test
  void namespacesGetTheirNameLabelAndPhase() {
    LiveObject ns = cluster.apply(Fixtures.namespace("team"), by("test"));
    assertThat(ns.get("metadata", "labels", "kubernetes.io/metadata.name")).contains("team");
    assertThat(ns.get("status", "phase")).contains("Active");
    assertThat(cluster.get(new ObjectKey("", "Namespace", "", "kube-system"))).isPresent();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v1                        | ConfigMap   | Bad_Name       | false",
      "v1                        | ConfigMap   | a.b-c          | true",
      "v1                        | Service     | 1st            | false",
      "v1                        | Service     | svc-1          | true",
      "v1                        | Namespace   | has.dot        | false",
      "rbac.authorization.k8s.io/v1 | ClusterRole | system:auth-delegator | true",
      "rbac.authorization.k8s.io/v1 | ClusterRole | a/b         | false"})
  void namesFollowTheRuleOfTheirKind(String apiVersion, String kind, String name, boolean valid) {
    boolean namespaced = !kind.equals("Namespace") && !kind.equals("ClusterRole");
    Map<String, Object> meta = namespaced ? map("name", name, "namespace", "default") : map("name", name);
    Map<String, Object> object = map("apiVersion", apiVersion, "kind", kind, "metadata", meta);
    if (valid) {
      assertThat(apply(object).key().name()).isEqualTo(name);
    } else {
      assertThat(invalidFields(object)).containsExactly("metadata.name");
    }
  }

  @Test
  void labelsAnnotationsAndFinalizersAreValidated() {
    Map<String, Object> cm = configMap("default", "c", map()).toMutableMap();
    Map<String, Object> meta = (Map<String, Object>) cm.get("metadata");
    meta.put("labels", map("bad key", "v", "ok", "bad value!", "number", 3));
    meta.put("annotations", map("example.com/ok", "fine", "/nope", "x"));
    meta.put("finalizers", list("good.example.com/f", "bad finalizer"));

    assertThat(invalidFields(cm)).containsExactlyInAnyOrder("metadata.labels", "metadata.labels", "metadata.labels",
        "metadata.annotations", "metadata.finalizers[1]");
  }

  @Test
  void scopeDecidesWhetherANamespaceIsRequiredOrForbidden() {
    Map<String, Object> cm = map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", "c"));
    assertThat(invalidFields(cm)).containsExactly("metadata.namespace");
    Map<String, Object> role = map("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "ClusterRole",
        "metadata", map("name", "r", "namespace", "default"));
    assertThat(invalidFields(role)).containsExactly("metadata.namespace");
  }

  @Test
  void missingNamespaceIsNamed() {
    assertThatThrownBy(() -> cluster.apply(configMap("nowhere", "c", map()), by("test")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("in-memory: namespace \"nowhere\" not found, so ConfigMap nowhere/c cannot be applied");
  }

  @Test
  void duplicateMapListKeysAreInvalid() {
    Map<String, Object> d = deployment(map("containers", list(container("web", "a"), container("web", "b"))));
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> apply(d));
    assertThat(e.causes()).containsExactly(new FieldCause("spec.template.spec.containers",
        "Duplicate value: more than one item with key [name=\"web\"]"));
  }

  @Test
  void unknownKindsAndVersionsAreReported() {
    assertThatThrownBy(() -> apply(map("apiVersion", "example.com/v1", "kind", "Gadget", "metadata", map("name", "g"))))
        .isInstanceOf(UnknownResourceTypeException.class)
        .hasMessage("in-memory: no resource type for kind Gadget in group example.com");
    assertThatThrownBy(() -> apply(map("apiVersion", "apps/v1beta1", "kind", "Deployment",
        "metadata", map("name", "d", "namespace", "default"))))
        .isInstanceOf(UnknownResourceTypeException.class)
        .hasMessage("in-memory: no resource type for kind Deployment in version apps/v1beta1");
    assertThatThrownBy(() -> cluster.get(new ObjectKey("example.com", "Gadget", "", "g")))
        .isInstanceOf(UnknownResourceTypeException.class);
  }

  @Test
  void discoveryServesTheBuiltInKinds() {
    assertThat(cluster.resourceType("apps", "Deployment"))
        .contains(new ResourceType("apps", "v1", "Deployment", "deployments", true));
    assertThat(cluster.resourceType("", "Namespace")).contains(new ResourceType("", "v1", "Namespace", "namespaces", false));
    assertThat(cluster.resourceTypes()).extracting(ResourceType::kind).contains(
        "ConfigMap", "Secret", "Service", "ServiceAccount", "Pod", "PersistentVolumeClaim", "PersistentVolume", "Node",
        "Event", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Ingress", "NetworkPolicy", "Role",
        "RoleBinding", "ClusterRole", "ClusterRoleBinding", "PodDisruptionBudget", "HorizontalPodAutoscaler",
        "CustomResourceDefinition", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
  }

  @Test
  void listRefusesANamespaceForClusterScopedKinds() {
    assertThatThrownBy(() -> cluster.list(ListRequest.of("", "Namespace").inNamespace("default")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Namespace is cluster-scoped");
    assertThat(cluster.list(ListRequest.of("", "Namespace"))).extracting(o -> o.key().name())
        .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
  }
}
