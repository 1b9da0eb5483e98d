package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled table of built-in kinds and the OpenAPI v3 loader. */
class SchemaTablesTest {
  private static final SchemaTable BUILT_IN = SchemaTable.builtIn();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apps  | Deployment  | spec.template.spec",
      "apps  | StatefulSet | spec.template.spec",
      "apps  | DaemonSet   | spec.template.spec",
      "apps  | ReplicaSet  | spec.template.spec",
      "batch | Job         | spec.template.spec",
      "batch | CronJob     | spec.jobTemplate.spec.template.spec",
      "''    | Pod         | spec",
      "''    | ReplicationController | spec.template.spec"})
  void podSpecsMergeContainersVolumesAndTheirListsByKey(String group, String kind, String podSpec) {
    List<String> spec = List.of(podSpec.split("\\."));
    for (String containers : List.of("containers", "initContainers", "ephemeralContainers")) {
      assertThat(BUILT_IN.listType(group, kind, path(spec, containers))).isEqualTo(ListType.map("name"));
      assertThat(BUILT_IN.listType(group, kind, path(spec, containers, "ports")))
          .isEqualTo(ListType.map("containerPort", "protocol"));
      assertThat(BUILT_IN.listType(group, kind, path(spec, containers, "env"))).isEqualTo(ListType.map("name"));
      assertThat(BUILT_IN.listType(group, kind, path(spec, containers, "volumeMounts")))
          .isEqualTo(ListType.map("mountPath"));
      assertThat(BUILT_IN.listType(group, kind, path(spec, containers, "command"))).isEqualTo(ListType.atomic());
    }
    assertThat(BUILT_IN.listType(group, kind, path(spec, "volumes"))).isEqualTo(ListType.map("name"));
    assertThat(BUILT_IN.listType(group, kind, path(spec, "imagePullSecrets"))).isEqualTo(ListType.map("name"));
    assertThat(BUILT_IN.listType(group, kind, path(spec, "tolerations"))).isEqualTo(ListType.atomic());
  }

  @Test
  void otherBuiltInFacts() {
    assertThat(BUILT_IN.listType("", "Service", List.of("spec", "ports"))).isEqualTo(ListType.map("port", "protocol"));
    assertThat(BUILT_IN.isAtomicMap("", "Service", List.of("spec", "selector"))).isTrue();
    assertThat(BUILT_IN.isAtomicMap("apps", "Deployment", List.of("spec", "selector"))).isTrue();
    assertThat(BUILT_IN.isAtomicMap("apps", "Deployment", List.of("spec", "template", "metadata", "labels"))).isFalse();
    assertThat(BUILT_IN.listType("apps", "Deployment", List.of("spec", "template", "metadata", "finalizers")))
        .isEqualTo(ListType.set());
    assertThat(BUILT_IN.listType("networking.k8s.io", "Ingress", List.of("spec", "rules"))).isEqualTo(ListType.atomic());
    assertThat(BUILT_IN.isAtomicMap("", "ConfigMap", List.of("data"))).isFalse();
  }

  @Test
  void everyKindGetsTheMetadataFactsEvenUnknownOnes() {
    for (String kind : List.of("ConfigMap", "Widget")) {
      assertThat(BUILT_IN.listType("example.com", kind, List.of("metadata", "finalizers"))).isEqualTo(ListType.set());
      assertThat(BUILT_IN.listType("example.com", kind, List.of("metadata", "ownerReferences")))
          .isEqualTo(ListType.map("uid"));
      assertThat(BUILT_IN.isAtomicMap("example.com", kind, List.of("metadata", "ownerReferences"))).isTrue();
    }
    assertThat(BUILT_IN.listType("example.com", "Widget", List.of("spec", "items"))).isEqualTo(ListType.atomic());
  }

  @Test
  void loadsListAndMapTypesFromOpenApiV3() {
    SchemaTable table = SchemaTable.fromOpenApiV3(List.of(document()));

    assertThat(table.listType("apps", "Deployment", List.of("spec", "template", "spec", "containers")))
        .isEqualTo(ListType.map("name"));
    assertThat(table.listType("apps", "Deployment", List.of("spec", "template", "spec", "containers", "ports")))
        .isEqualTo(ListType.map("containerPort", "protocol"));
    assertThat(table.listType("apps", "Deployment", List.of("spec", "template", "spec", "tolerations")))
        .isEqualTo(ListType.atomic());
    assertThat(table.listType("apps", "Deployment", List.of("spec", "template", "spec", "volumes")))
        .as("patch strategy merge with a merge key").isEqualTo(ListType.map("name"));
    assertThat(table.listType("apps", "Deployment", List.of("spec", "template", "spec", "args")))
        .as("patch strategy merge without a key").isEqualTo(ListType.set());
    assertThat(table.isAtomicMap("apps", "Deployment", List.of("spec", "selector"))).isTrue();
    assertThat(table.isAtomicMap("apps", "Deployment", List.of("spec", "template"))).isFalse();
    assertThat(table.listType("apps", "Deployment", List.of("metadata", "finalizers"))).isEqualTo(ListType.set());
    assertThat(table.listType("apps", "Deployment", List.of("spec", "nowhere"))).isEqualTo(ListType.atomic());
    assertThat(table.listType("apps", "Unknown", List.of("spec"))).isEqualTo(ListType.atomic());

    assertThat(table.listType("example.io", "Thing", List.of("spec", "rules"))).isEqualTo(ListType.map("id"));
    assertThat(table.listType("example.io", "Thing", List.of("spec", "rules", "hosts"))).isEqualTo(ListType.set());
    assertThat(table.listType("example.io", "Thing", List.of("spec", "byName", "anyKey", "ports")))
        .as("through additionalProperties").isEqualTo(ListType.set());
    assertThat(table.isAtomicMap("example.io", "Thing", List.of("spec", "labels"))).isTrue();
  }

  @Test
  void thePreferredVersionOfAKindWins() {
    Map<String, Object> v1beta1 = thing("v1beta1", "set");
    Map<String, Object> v1 = thing("v1", "atomic");
    for (List<Map<String, Object>> docs : List.of(List.of(v1beta1, v1), List.of(v1, v1beta1))) {
      assertThat(SchemaTable.fromOpenApiV3(docs).listType("example.io", "Gizmo", List.of("spec", "tags")))
          .isEqualTo(ListType.atomic());
    }
  }

  @Test
  void openApiV3DocumentsGiveNoNullableFields() {
    // Built-in kinds' documents: their servers drop nulls whatever the document says.
    Map<String, Object> doc = map("components", map("schemas", map(
        "io.example.v1.Gizmo", map(
            "x-kubernetes-group-version-kind", list(map("group", "example.io", "kind", "Gizmo", "version", "v1")),
            "properties", map("spec", map("properties", map(
                "note", map("type", "string", "nullable", true))))))));
    SchemaTable table = SchemaTable.fromOpenApiV3(List.of(doc));

    assertThat(table.isNullable("example.io", "Gizmo", List.of("spec", "note"))).isFalse();
    assertThat(table.hasNullables("example.io", "Gizmo")).isFalse();
    assertThat(BUILT_IN.hasNullables("apps", "Deployment")).isFalse();
  }

  @Test
  void aDocumentWithoutSchemasIsRefused() {
    assertThatThrownBy(() -> SchemaTable.fromOpenApiV3(List.of(map("openapi", "3.0.0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("components.schemas");
  }

  @Test
  void kubernetesVersionPriority() {
    List<String> versions = new ArrayList<>(List.of("v1alpha1", "v2beta1", "foo", "v1", "v1beta2", "v2", "v1beta1"));
    versions.sort(KubeVersions.PRIORITY);
    assertThat(versions).containsExactly("v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo");
  }

  private static List<String> path(List<String> prefix, String... more) {
    List<String> out = new ArrayList<>(prefix);
    out.addAll(List.of(more));
    return out;
  }

  private static Map<String, Object> ref(String name) {
    return map("$ref", "#/components/schemas/" + name);
  }

  private static Map<String, Object> allOf(String name) {
    return map("allOf", list(ref(name)));
  }

  /** A hand-written fragment in the shape of kube-apiserver's /openapi/v3/apis/apps/v1. */
  private static Map<String, Object> document() {
    String meta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    String selector = "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector";
    return map("openapi", "3.0.0", "components", map("schemas", map(
        "io.k8s.api.apps.v1.Deployment", map(
            "type", "object",
            "properties", map(
                "metadata", map("allOf", list(ref(meta)), "default", map()),
                "spec", allOf("io.k8s.api.apps.v1.DeploymentSpec")),
            "x-kubernetes-group-version-kind", list(map("group", "apps", "kind", "Deployment", "version", "v1"))),
        "io.k8s.api.apps.v1.DeploymentSpec", map("properties", map(
            "selector", allOf(selector),
            "template", allOf("io.k8s.api.core.v1.PodTemplateSpec"))),
        selector, map("type", "object", "x-kubernetes-map-type", "atomic",
            "properties", map("matchLabels", map("type", "object", "additionalProperties", map("type", "string")))),
        "io.k8s.api.core.v1.PodTemplateSpec", map("properties", map(
            "metadata", allOf(meta),
            "spec", allOf("io.k8s.api.core.v1.PodSpec"))),
        "io.k8s.api.core.v1.PodSpec", map("properties", map(
            "containers", map("type", "array", "items", allOf("io.k8s.api.core.v1.Container"),
                "x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", list("name"),
                "x-kubernetes-patch-merge-key", "name", "x-kubernetes-patch-strategy", "merge"),
            "tolerations", map("type", "array", "items", allOf("io.k8s.api.core.v1.Toleration"),
                "x-kubernetes-list-type", "atomic"),
            "volumes", map("type", "array", "items", allOf("io.k8s.api.core.v1.Volume"),
                "x-kubernetes-patch-merge-key", "name", "x-kubernetes-patch-strategy", "merge,retainKeys"),
            "args", map("type", "array", "items", map("type", "string"), "x-kubernetes-patch-strategy", "merge"))),
        "io.k8s.api.core.v1.Container", map("properties", map(
            "ports", map("type", "array", "items", allOf("io.k8s.api.core.v1.ContainerPort"),
                "x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", list("containerPort", "protocol")))),
        meta, map("properties", map(
            "finalizers", map("type", "array", "items", map("type", "string"), "x-kubernetes-list-type", "set"),
            "labels", map("type", "object", "additionalProperties", map("type", "string")))),
        "io.example.v1.Thing", map(
            "x-kubernetes-group-version-kind", list(map("group", "example.io", "kind", "Thing", "version", "v1")),
            "properties", map("spec", map("type", "object", "properties", map(
                "labels", map("type", "object", "x-kubernetes-map-type", "atomic"),
                "rules", map("type", "array", "x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", list("id"),
                    "items", map("type", "object", "properties", map(
                        "hosts", map("type", "array", "items", map("type", "string"), "x-kubernetes-list-type", "set")))),
                "byName", map("type", "object", "additionalProperties", map("type", "object", "properties", map(
                    "ports", map("type", "array", "x-kubernetes-list-type", "set")))))))))));
  }

  private static Map<String, Object> thing(String version, String tagsListType) {
    return map("components", map("schemas", map(
        "io.example." + version + ".Gizmo", map(
            "x-kubernetes-group-version-kind", list(map("group", "example.io", "kind", "Gizmo", "version", version)),
            "properties", map("spec", map("properties", map(
                "tags", map("type", "array", "x-kubernetes-list-type", tagsListType))))))));
  }
}
