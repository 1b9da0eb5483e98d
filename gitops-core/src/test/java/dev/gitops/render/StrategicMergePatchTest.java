package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.render.BuiltinMergeKeys.FieldStrategy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

class StrategicMergePatchTest {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Test
  void builtInSchemaGivesMergeKeysByPath() {
    Map<String, FieldStrategy> deployment = BuiltinMergeKeys.forKind("apps/v1", "Deployment");

    assertThat(deployment.get("spec.template.spec.containers.volumeMounts").keys()).containsExactly("mountPath");
    assertThat(deployment.get("spec.template.spec.containers.ports").keys())
        .containsExactly("containerPort", "protocol");
    assertThat(deployment.get("spec.template.spec.volumes").strategies()).containsExactlyInAnyOrder(
        "merge", "retainKeys");
    assertThat(deployment.get("metadata.finalizers")).isEqualTo(new FieldStrategy(Set.of("merge"), List.of()));
    // Tolerations have no patch strategy: replaced.
    assertThat(deployment).doesNotContainKey("spec.template.spec.tolerations");
    // Versions of a kind share their facts; custom resources have none.
    assertThat(BuiltinMergeKeys.forKind("batch/v1beta1", "CronJob"))
        .isEqualTo(BuiltinMergeKeys.forKind("batch/v1", "CronJob")).isNotEmpty();
    assertThat(BuiltinMergeKeys.forKind("example.k8s.io/v1", "Deployment")).isEmpty();
  }

  @Test
  void servicePortsMergeByPortAndProtocolNewOnesFirst() {
    Map<String, Object> out = apply("v1", "Service",
        "{spec: {ports: [{port: 53, protocol: TCP, name: dns-tcp}, {port: 53, protocol: UDP, name: dns}]}}",
        "{spec: {ports: [{port: 53, protocol: UDP, targetPort: 5353}, {port: 80, name: http}]}}");

    assertThat(out).isEqualTo(yaml("""
        spec:
          ports:
          - {port: 80, name: http}
          - {port: 53, protocol: TCP, name: dns-tcp}
          - {port: 53, protocol: UDP, name: dns, targetPort: 5353}
        """));
  }

  @Test
  void aPortWithoutItsProtocolIsDroppedAsKustomizeDropsIt() {
    String target = "{spec: {containers: [{name: a, ports: [{containerPort: 81, protocol: TCP}, "
        + "{containerPort: 80, protocol: TCP}]}]}}";
    Map<String, Object> out = apply("v1", "Pod", target,
        "{spec: {containers: [{name: a, ports: [{containerPort: 80, name: web}, {containerPort: 90, protocol: TCP}]}]}}");

    assertThat(out).isEqualTo(yaml("{spec: {containers: [{name: a, ports: [{containerPort: 90, protocol: TCP}, "
        + "{containerPort: 81, protocol: TCP}, {containerPort: 80, protocol: TCP}]}]}}"));
  }

  @Test
  void withoutAnyProtocolPortsMergeByNumberPatchElementsFirst() {
    Map<String, Object> out = apply("v1", "Service", "{spec: {ports: [{port: 81, name: a}, {port: 80, name: b}]}}",
        "{spec: {ports: [{port: 90, name: n}, {port: 80, name: web}]}}");

    assertThat(out).isEqualTo(yaml("{spec: {ports: [{port: 90, name: n}, {port: 80, name: web}, {port: 81, name: a}]}}"));
  }

  @Test
  void mergesListsTheOldTableMissedAndReplacesThoseWithoutStrategy() {
    Map<String, Object> node = apply("v1", "Node", "{spec: {podCIDRs: [10.0.0.0/24]}}",
        "{spec: {podCIDRs: [fd00::/64]}}");
    assertThat(node).isEqualTo(yaml("{spec: {podCIDRs: [fd00::/64, 10.0.0.0/24]}}"));

    Map<String, Object> pod = apply("v1", "Pod", "{spec: {schedulingGates: [{name: a}, {name: b}]}}",
        "{spec: {schedulingGates: [{name: b, $patch: delete}, {name: c}]}}");
    assertThat(pod).isEqualTo(yaml("{spec: {schedulingGates: [{name: c}, {name: a}]}}"));

    // The old table merged every list named ports by port; NetworkPolicy ports have no merge key.
    Map<String, Object> policy = apply("networking.k8s.io/v1", "NetworkPolicy",
        "{spec: {ingress: [{ports: [{port: 80}, {port: 443}]}]}}", "{spec: {ingress: [{ports: [{port: 8080}]}]}}");
    assertThat(policy).isEqualTo(yaml("{spec: {ingress: [{ports: [{port: 8080}]}]}}"));
  }

  @Test
  void listsOfUnknownKindsAndFieldsAreReplaced() {
    Map<String, Object> custom = apply("example.com/v1", "Widget", "{spec: {containers: [{name: a}]}}",
        "{spec: {containers: [{name: b}]}}");
    assertThat(custom).isEqualTo(yaml("{spec: {containers: [{name: b}]}}"));

    // A pod's containers merge at spec.containers only, not wherever a field has that name.
    Map<String, Object> pod = apply("v1", "Pod", "{metadata: {containers: [{name: a}]}}",
        "{metadata: {containers: [{name: b}]}}");
    assertThat(pod).isEqualTo(yaml("{metadata: {containers: [{name: b}]}}"));
  }

  private static Map<String, Object> apply(String apiVersion, String kind, String target, String patch) {
    return StrategicMergePatch.apply(yaml(target), yaml(patch), apiVersion, kind);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return KustomizeBuild.deepCopy(YAML.readValue(text, java.util.LinkedHashMap.class));
  }
}
