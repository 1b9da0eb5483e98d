package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KustomizeRendererTest {
  private final InMemoryGitRepository git = InMemoryGitRepository.create("kust");

  private Snapshot snapshot(String path) {
    return git.source().fetch(GitRef.branch("main"), path);
  }

  private static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n";
  }

  @Test
  void provenanceNamesFileLineAndEveryKustomizationOnTheWay() {
    git.commit()
        .add("base/kustomization.yaml", "resources:\n- cms.yaml\n")
        .add("base/cms.yaml", cm("a") + "---\n" + cm("b"))
        .add("prod/kustomization.yaml", "namePrefix: prod-\nresources:\n- ../base\n"
            + "configMapGenerator:\n- name: gen\n  literals: [x=y]\n")
        .call();

    KustomizeResult result = KustomizeRenderer.create().renderWithProvenance(snapshot("prod"));

    assertThat(result.result().objects()).extracting(Manifest::name)
        .containsExactly("prod-a", "prod-b", "prod-gen-" + ContentHash.of(Map.of(
            "kind", "ConfigMap", "data", Map.of("x", "y"))));
    KustomizeProvenance b = result.provenance().get(ObjectKey.of("v1", "ConfigMap", null, "prod-b"));
    assertThat(b.source()).isEqualTo(new SourceLocation("base/cms.yaml", 8));
    assertThat(b.kustomizations()).containsExactly("base/kustomization.yaml", "prod/kustomization.yaml");
    assertThat(b.changedBy()).containsExactly("prod/kustomization.yaml");
    assertThat(b.generated()).isFalse();
    Manifest gen = result.result().objects().get(2);
    KustomizeProvenance g = result.provenance().get(gen.key());
    assertThat(g.generated()).isTrue();
    assertThat(g.changedBy()).containsExactly("prod/kustomization.yaml");
    assertThat(g.source()).isEqualTo(new SourceLocation("prod/kustomization.yaml", 5));
  }

  @Test
  void provenanceNamesEachPatchAndTransformerThatChangedTheObject() {
    git.commit()
        .add("base/kustomization.yaml", "resources:\n- cms.yaml\nimages:\n- {name: app, newTag: '2'}\n")
        .add("base/cms.yaml", cm("a") + "---\n" + cm("b"))
        .add("prod/kustomization.yaml", "namespace: prod\nresources:\n- ../base\n"
            + "patches:\n- target: {name: a}\n  patch: |\n    - {op: add, path: /data/p, value: q}\n")
        .call();

    KustomizeResult result = KustomizeRenderer.create().renderWithProvenance(snapshot("prod"));

    KustomizeProvenance a = result.provenance().get(ObjectKey.of("v1", "ConfigMap", "prod", "a"));
    KustomizeProvenance b = result.provenance().get(ObjectKey.of("v1", "ConfigMap", "prod", "b"));
    assertThat(a.transformations())
        .containsExactly("prod/kustomization.yaml: patches", "prod/kustomization.yaml: namespace");
    assertThat(b.transformations()).containsExactly("prod/kustomization.yaml: namespace");
  }

  @Test
  void contentHashIsKustomizes() {
    // Known values from kustomize v5.5.0, including Go's escaping of <, > and &.
    assertThat(ContentHash.of(Map.of("kind", "ConfigMap", "data", Map.of("a", "<b>&c"))))
        .isEqualTo("6tcbt66fg9");
    assertThat(ContentHash.of(Map.of("kind", "Secret", "type", "Opaque", "data", Map.of("x", "eQ=="))))
        .isEqualTo("t86b282gdf");
  }

  @Test
  void cycleIsReportedWithItsChain() {
    git.commit()
        .add("a/kustomization.yaml", "resources:\n- ../b\n")
        .add("b/kustomization.yaml", "resources:\n- ../c\n")
        .add("c/kustomization.yaml", "resources:\n- ../b\n")
        .call();

    assertThatThrownBy(() -> KustomizeRenderer.create().render(snapshot("a")))
        .isInstanceOfSatisfying(KustomizationCycleException.class,
            e -> assertThat(e.chain()).containsExactly("b", "c", "b"))
        .hasMessageContaining("b -> c -> b");
  }

  @Test
  void remoteBasesAreRefused() {
    git.commit().add("kustomization.yaml",
        "resources:\n- github.com/org/repo/deploy?ref=v1\n").call();

    assertThatThrownBy(() -> KustomizeRenderer.create().render(snapshot("")))
        .isInstanceOfSatisfying(RemoteResourceException.class,
            e -> assertThat(e.url()).isEqualTo("github.com/org/repo/deploy?ref=v1"))
        .hasMessageStartingWith("kustomization.yaml: ");
  }

  @Test
  void filesOutsideTheKustomizationAreRefused() {
    git.commit()
        .add("shared.yaml", cm("s"))
        .add("app/kustomization.yaml", "resources:\n- ../shared.yaml\n")
        .call();

    assertThatThrownBy(() -> KustomizeRenderer.create().render(snapshot("app")))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("app/kustomization.yaml")
        .hasMessageContaining("not in or below");
    RenderResult relaxed = KustomizeRenderer.builder().allowFilesOutsideKustomization().build()
        .render(snapshot("app"));
    assertThat(relaxed.objects()).extracting(Manifest::name).containsExactly("s");
  }

  @Test
  void unsupportedFieldsAndMissingFilesAreErrorsNamingTheKustomization() {
    git.commit()
        .add("a/kustomization.yaml", "validators:\n- v.yaml\n")
        .add("b/kustomization.yaml", "resources:\n- missing.yaml\n")
        .add("c/kustomization.yaml", "resources:\n- ../d\n")
        .add("d/readme.txt", "no kustomization here")
        .call();
    KustomizeRenderer r = KustomizeRenderer.create();

    assertThatThrownBy(() -> r.render(snapshot("a"))).isInstanceOf(KustomizeException.class)
        .hasMessage("a/kustomization.yaml: field 'validators' is not supported by this renderer: "
            + "validator plugins are not run");
    assertThatThrownBy(() -> r.render(snapshot("b"))).isInstanceOf(KustomizeException.class)
        .hasMessage("b/kustomization.yaml: resource 'missing.yaml' does not exist");
    assertThatThrownBy(() -> r.render(snapshot("c"))).isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith("c/kustomization.yaml: no kustomization.yaml");
  }

  @Test
  void yamlAliasesAreExpandedAndStarsInStringsAreLeftAlone() {
    git.commit()
        .add("kustomization.yaml", "resources: [a.yaml]\n")
        .add("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
            + "  labels: &l {x: y}\n  annotations: *l\ndata:\n  cron: \"*/5 * * * *\"\n")
        .add("b/kustomization.yaml", "resources: [b.yaml]\n")
        .add("b/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n"
            + "data:\n  cron: \"*/5 * * * *\"\n  star: '*'\n")
        .call();

    assertThat(KustomizeRenderer.create().render(snapshot("")).objects().get(0).annotations())
        .containsExactly(java.util.Map.entry("x", "y"));
    assertThat(KustomizeRenderer.create().render(snapshot("b")).objects().get(0).get("data", "star"))
        .contains("*");
  }

  @Test
  void duplicateObjectsNameBothPlaces() {
    git.commit()
        .add("kustomization.yaml", "resources:\n- one.yaml\n- two.yaml\n")
        .add("one.yaml", cm("same"))
        .add("two.yaml", cm("same"))
        .call();

    assertThatThrownBy(() -> KustomizeRenderer.create().render(snapshot("")))
        .isInstanceOfSatisfying(DuplicateObjectException.class, e -> {
          assertThat(e.first()).isEqualTo(new SourceLocation("one.yaml", 1));
          assertThat(e.second()).isEqualTo(new SourceLocation("two.yaml", 1));
        });
  }

  @Test
  void generatorBehaviorMergeNeedsAnObjectToMergeInto() {
    git.commit().add("kustomization.yaml",
        "configMapGenerator:\n- name: x\n  behavior: merge\n  literals: [a=b]\n").call();

    assertThatThrownBy(() -> KustomizeRenderer.create().render(snapshot("")))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("has behavior merge but no such object");
  }

  @Test
  void outputIsImmutableManifestsWithSnapshotRevision() {
    git.commit().add("kustomization.yaml", "resources: [a.yaml]\n").add("a.yaml", cm("a")).call();
    Snapshot s = snapshot("");

    RenderResult r = KustomizeRenderer.create().render(s);

    assertThat(r.revision()).isEqualTo(s.revision());
    assertThat(r.objects()).hasSize(1);
    assertThat(r.skipped()).isEqualTo(List.of());
  }
}
