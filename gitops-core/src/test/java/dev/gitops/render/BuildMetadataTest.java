package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildMetadataTest {
  private final InMemoryGitRepository git = InMemoryGitRepository.create("bm");

  private Snapshot snapshot(String path) {
    return git.source().fetch(GitRef.branch("main"), path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Manifest m) {
    return (Map<String, Object>) m.object().get("metadata");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void originTransformationsAndManagedByAsKustomizeWritesThem() {
    git.commit()
        .add("base/kustomization.yaml", "resources: [cm.yaml]\nnamePrefix: b-\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\n")
        .add("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
        .add("app/kustomization.yaml", "buildMetadata: [originAnnotations, transformerAnnotations, managedByLabel]\n"
            + "resources: [../base]\nimages: [{name: x, newTag: '1'}, {name: y, newTag: '2'}]\n")
        .call();
    List<Manifest> out = KustomizeRenderer.create().render(snapshot("app")).objects();

    Map<String, Object> cm = metadata(out.stream().filter(m -> m.name().equals("b-cm")).findFirst().orElseThrow());
    assertThat(map(cm.get("annotations"))).containsEntry(BuildMetadata.ORIGIN, "path: ../base/cm.yaml\n")
        .containsEntry(BuildMetadata.TRANSFORMATIONS, """
            - configuredIn: ../base/kustomization.yaml
              configuredBy:
                apiVersion: builtin
                kind: PrefixTransformer
            - configuredIn: kustomization.yaml
              configuredBy:
                apiVersion: builtin
                kind: ImageTagTransformer
            - configuredIn: kustomization.yaml
              configuredBy:
                apiVersion: builtin
                kind: ImageTagTransformer
            """);
    assertThat(map(cm.get("labels"))).isEqualTo(Map.of(BuildMetadata.MANAGED_BY, "kustomize-v5.5.0"));
    Map<String, Object> gen = metadata(out.stream().filter(m -> m.name().startsWith("b-gen-")).findFirst().orElseThrow());
    assertThat(map(gen.get("annotations"))).containsEntry(BuildMetadata.ORIGIN,
        "configuredIn: ../base/kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n");
  }

  @Test
  void withoutBuildMetadataNothingIsWrittenAndUnknownOptionsAreErrors() {
    git.commit()
        .add("a/kustomization.yaml", "resources: [cm.yaml]\nnamePrefix: p-\n")
        .add("a/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n")
        .add("b/kustomization.yaml", "resources: [../a/cm.yaml]\nbuildMetadata: [originAnnotation]\n")
        .call();
    Manifest m = KustomizeRenderer.create().render(snapshot("a")).objects().get(0);
    assertThat(metadata(m)).containsOnlyKeys("name");
    assertThatThrownBy(() -> KustomizeRenderer.create().render(snapshot("b")))
        .hasMessageContaining("b/kustomization.yaml: buildMetadata: unknown option 'originAnnotation'");
  }

  @Test
  void relativePathsAndScalars() {
    assertThat(BuildMetadata.relative("o/overlay", "o/base/x.yaml")).isEqualTo("../base/x.yaml");
    assertThat(BuildMetadata.relative("", "a/b.yaml")).isEqualTo("a/b.yaml");
    assertThat(BuildMetadata.relative("a", "a/b.yaml")).isEqualTo("b.yaml");
    assertThat(BuildMetadata.scalar("../base/x.yaml")).isEqualTo("../base/x.yaml");
    assertThat(BuildMetadata.scalar("true")).isEqualTo("\"true\"");
    assertThat(BuildMetadata.scalar("a b: c")).isEqualTo("\"a b: c\"");
  }
}
