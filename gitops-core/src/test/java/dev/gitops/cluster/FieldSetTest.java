package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FieldSetTest {
  private static final PathElement.Key WEB = new PathElement.Key(new TreeMap<>(Map.of("name", "web")));
  private static final PathElement.Key PORT = new PathElement.Key(new TreeMap<>(Map.of("protocol", "TCP", "containerPort", 80L)));

  @Test
  void writesFieldsV1WithDotForMembersThatHaveChildren() {
    FieldPath containers = FieldPath.of("spec", "containers");
    FieldSet set = FieldSet.of(List.of(
        FieldPath.of("metadata", "labels", "app"),
        containers.child(WEB),
        containers.child(WEB).field("image"),
        containers.child(WEB).field("ports").child(PORT),
        FieldPath.of("metadata", "finalizers").child(new PathElement.Value("example.com/x"))));

    assertThat(set.toFieldsV1()).isEqualTo(map(
        "f:metadata", map(
            "f:finalizers", map("v:\"example.com/x\"", map()),
            "f:labels", map("f:app", map())),
        "f:spec", map("f:containers", map("k:{\"name\":\"web\"}", map(
            ".", map(),
            "f:image", map(),
            "f:ports", map("k:{\"containerPort\":80,\"protocol\":\"TCP\"}", map()))))));
  }

  @Test
  void readsWhatItWrites() {
    FieldSet set = FieldSet.of(List.of(
        FieldPath.of("spec", "replicas"),
        FieldPath.of("spec", "containers").child(WEB),
        FieldPath.of("spec", "containers").child(WEB).field("name"),
        FieldPath.of("spec", "containers").child(WEB).field("ports").child(PORT)));
    assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
  }

  @Test
  void displaysPathsAsKubernetesPrintsThem() {
    assertThat(FieldPath.of("spec", "containers").child(WEB).field("image").display())
        .isEqualTo(".spec.containers[name=\"web\"].image");
    assertThat(FieldPath.of("spec", "ports").child(PORT).display())
        .isEqualTo(".spec.ports[containerPort=80,protocol=\"TCP\"]");
    assertThat(FieldPath.of("metadata", "finalizers").child(new PathElement.Value("x")).display())
        .isEqualTo(".metadata.finalizers[=\"x\"]");
  }

  @Test
  void setAlgebra() {
    FieldSet ab = FieldSet.of(List.of(FieldPath.of("a"), FieldPath.of("b")));
    FieldSet bc = FieldSet.of(List.of(FieldPath.of("b"), FieldPath.of("c")));
    assertThat(ab.union(bc).paths()).containsExactly(FieldPath.of("a"), FieldPath.of("b"), FieldPath.of("c"));
    assertThat(ab.difference(bc).paths()).containsExactly(FieldPath.of("a"));
    assertThat(ab.intersection(bc).paths()).containsExactly(FieldPath.of("b"));
  }

  @Test
  void refusesUnknownElements() {
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(map("i:3", map())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("i:3");
  }
}
