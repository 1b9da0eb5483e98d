package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizeInternalsTest {

  @Test
  void goJsonSortsKeysAndEscapesLikeGo() {
    assertThat(ContentHash.goJson(Map.of("b", "x<y>&z", "a", List.of("\n\t\"\\", "\u2028\u0001"))))
        .isEqualTo("{\"a\":[\"\\n\\t\\\"\\\\\",\"\\u2028\\u0001\"],\"b\":\"x\\u003cy\\u003e\\u0026z\"}");
  }

  @Test
  void hashSuffixMapsZeroOneThreeAndVowels() {
    assertThat(ContentHash.encode("0123456789abcdef")).isEqualTo("gh2k456789");
    assertThat(ContentHash.encode("abcdef0123")).isEqualTo("mbcdtfgh2k");
  }

  @Test
  void imageRulesRewriteNameTagAndDigest() {
    ImageTransformer.ImageRule tag = new ImageTransformer.ImageRule("nginx", "", "1.27", "", "");
    ImageTransformer.ImageRule move = new ImageTransformer.ImageRule(
        "localhost:5000/app", "registry.example.com/app", "", "sha256:abc", "");

    assertThat(ImageTransformer.update("nginx", tag)).isEqualTo("nginx:1.27");
    assertThat(ImageTransformer.update("nginx:1.25@sha256:old", tag)).isEqualTo("nginx:1.27");
    assertThat(ImageTransformer.update("nginx-other:1", tag)).isNull();
    assertThat(ImageTransformer.update("localhost:5000/app:v1", move))
        .isEqualTo("registry.example.com/app@sha256:abc");
  }

  @Test
  void replacementPathsKeepBracketedSegmentsWhole() {
    assertThat(Replacements.segments("spec.containers.[name=web].env.[name=A.B].value"))
        .containsExactly("spec", "containers", "[name=web]", "env", "[name=A.B]", "value");
    assertThat(Replacements.segments("metadata.annotations.[example.com/x]"))
        .containsExactly("metadata", "annotations", "[example.com/x]");
  }

  @Test
  void base64IsCutIntoLinesOfSeventyLikeKustomize() {
    assertThat(Generators.base64(new byte[3])).isEqualTo("AAAA");
    String wrapped = Generators.base64(new byte[60]);
    assertThat(wrapped.split("\n")).hasSize(2).allMatch(l -> l.length() <= 70);
    assertThat(wrapped).endsWith("\n");
  }

  @Test
  void emptyOrNullAnnotationsAreDroppedAndLabelsAndTemplatesKept() {
    java.util.function.Function<Map<String, Object>, KObject> obj = meta -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>(meta);
      m.put("name", "x");
      Map<String, Object> tree = new java.util.LinkedHashMap<>();
      tree.put("apiVersion", "v1");
      tree.put("kind", "ConfigMap");
      tree.put("metadata", m);
      return new KObject(tree, dev.gitops.model.SourceLocation.unknown(), false);
    };
    Map<String, Object> nullAnnotations = new java.util.HashMap<>();
    nullAnnotations.put("annotations", null);
    nullAnnotations.put("labels", null);
    KObject empty = obj.apply(Map.of("annotations", Map.of(), "labels", Map.of()));
    KObject isNull = obj.apply(nullAnnotations);
    KObject kept = obj.apply(Map.of("annotations", Map.of("a", "b")));

    EmptyAnnotations.drop(List.of(empty, isNull, kept));

    assertThat(empty.tree().get("metadata")).isEqualTo(Map.of("name", "x", "labels", Map.of()));
    assertThat(new java.util.HashSet<Object>(((Map<?, ?>) isNull.tree().get("metadata")).keySet())).containsOnly("name", "labels");
    assertThat(kept.tree().get("metadata")).isEqualTo(Map.of("name", "x", "annotations", Map.of("a", "b")));
  }
}
