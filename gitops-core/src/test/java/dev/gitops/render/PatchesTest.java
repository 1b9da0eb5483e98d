package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

class PatchesTest {
  /** A pod spec's merge keys, from the built-in schema: the tests patch bare pod specs. */
  private static final Map<String, BuiltinMergeKeys.FieldStrategy> POD_SPEC = new LinkedHashMap<>();

  static {
    BuiltinMergeKeys.forKind("v1", "Pod").forEach((path, strategy) -> {
      if (path.startsWith("spec.")) {
        POD_SPEC.put(path.substring("spec.".length()), strategy);
      }
    });
  }
  private static final YAMLMapper YAML = new YAMLMapper();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yaml(String text) {
    return KustomizeBuild.deepCopy(YAML.readValue(text, LinkedHashMap.class));
  }

  @Test
  void strategicMergeMergesListsByKeyPatchElementsFirst() {
    Map<String, Object> target = yaml("""
        containers:
        - {name: a, image: a1, env: [{name: X, value: "1"}, {name: Y, value: "2"}]}
        - {name: b, image: b1}
        tolerations: [{key: t1}]
        """);
    Map<String, Object> patch = yaml("""
        containers:
        - {name: c, image: c1}
        - {name: a, image: a2, env: [{name: Y, $patch: delete}, {name: Z, value: "3"}]}
        tolerations: [{key: t2}]
        """);

    Map<String, Object> out = StrategicMergePatch.apply(target, patch, POD_SPEC);

    assertThat(out).isEqualTo(yaml("""
        containers:
        - {name: c, image: c1}
        - {name: a, image: a2, env: [{name: Z, value: "3"}, {name: X, value: "1"}]}
        - {name: b, image: b1}
        tolerations: [{key: t2}]
        """));
  }

  @Test
  void strategicMergeNullDeletesAndReplaceDirectiveReplaces() {
    Map<String, Object> target = yaml("{a: {x: 1, y: 2}, b: 1, l: [{name: p}, {name: q}]}");
    Map<String, Object> patch = yaml("{a: {$patch: replace, z: 3}, b: null, l: [{$patch: replace}, {name: r}]}");

    assertThat(StrategicMergePatch.apply(target, patch, POD_SPEC))
        .isEqualTo(yaml("{a: {z: 3}, l: [{name: r}]}"));
  }

  @Test
  void jsonPatchOperationsAndPointerEscaping() {
    Map<String, Object> target = yaml("{a: {b/c: 1, d~e: 2}, l: [1, 2]}");
    List<Object> ops = new ArrayList<>(List.of(
        Map.of("op", "replace", "path", "/a/b~1c", "value", 10),
        Map.of("op", "move", "from", "/a/d~0e", "path", "/moved"),
        Map.of("op", "add", "path", "/l/-", "value", 3),
        Map.of("op", "add", "path", "/l/0", "value", 0),
        Map.of("op", "copy", "from", "/l", "path", "/copy"),
        Map.of("op", "remove", "path", "/l/1"),
        Map.of("op", "test", "path", "/moved", "value", 2)));

    JsonPatch.apply(target, ops);

    assertThat(target).isEqualTo(yaml("{a: {b/c: 10}, l: [0, 2, 3], moved: 2, copy: [0, 1, 2, 3]}"));
  }

  @Test
  void jsonPatchFailuresNameThePath() {
    Map<String, Object> target = yaml("{a: 1}");

    assertThatThrownBy(() -> JsonPatch.apply(target, List.of(Map.of("op", "remove", "path", "/b"))))
        .hasMessage("path '/b' does not exist");
    assertThatThrownBy(() -> JsonPatch.apply(target,
        List.of(Map.of("op", "test", "path", "/a", "value", 2))))
        .hasMessageContaining("test at '/a' failed");
  }

  @Test
  void labelSelectorsFollowKubernetesSyntax() {
    List<Selector.Requirement> reqs =
        Selector.requirements(null, "tier in (front, edge),!legacy,app=web,env!=prod,owner");
    Map<String, Object> labels = Map.of("tier", "edge", "app", "web", "owner", "x");

    assertThat(reqs).allMatch(r -> r.matches(labels));
    assertThat(reqs.get(1).matches(Map.of("legacy", "true"))).isFalse();
    assertThat(reqs.get(3).matches(Map.of("env", "prod"))).isFalse();
  }
}
