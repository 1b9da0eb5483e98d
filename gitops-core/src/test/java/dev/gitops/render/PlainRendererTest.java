package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.InvalidManifestException;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import dev.gitops.model.Snapshot;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import org.junit.jupiter.api.Test;

class PlainRendererTest {
  private final InMemoryGitRepository git = InMemoryGitRepository.create("plain");

  private static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: web\ndata:\n  k: v\n";
  }

  private Snapshot snapshot(String path) {
    return git.source().fetch(GitRef.branch("main"), path);
  }

  @Test
  void aNewCommitParsesOnlyTheFilesItChangedAndKeepsTheOthersObjects() {
    git.commit().add("app/a.yaml", cm("a")).add("app/b.yaml", cm("b")).add("app/c.yaml", cm("c")).call();
    PlainRenderer renderer = PlainRenderer.strict();
    java.util.List<Manifest> first = renderer.render(snapshot("app")).objects();
    git.commit().add("app/b.yaml", cm("b").replace("k: v", "k: changed")).remove("app/c.yaml")
        .add("app/d.yaml", cm("a").replace("name: a", "name: d")).call();

    java.util.List<Manifest> second = renderer.render(snapshot("app")).objects();

    assertThat(second).extracting(Manifest::name).containsExactly("a", "b", "d");
    assertThat(second.get(0)).isSameAs(first.get(0)); // unchanged file: not parsed again
    assertThat(second.get(1)).isNotSameAs(first.get(1));
    assertThat(second.get(1).get("data", "k")).contains("changed");
    // The same content under another renderer is parsed afresh: the cache is the renderer's own.
    assertThat(PlainRenderer.strict().render(snapshot("app")).objects().get(0)).isNotSameAs(first.get(0))
        .isEqualTo(first.get(0));
  }

  @Test
  void aFileThatFailsIsNotCachedAndFailsAgain() {
    git.commit().add("app/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n").call();
    PlainRenderer renderer = PlainRenderer.strict();
    assertThatThrownBy(() -> renderer.render(snapshot("app"))).isInstanceOf(ManifestParseException.class);
    assertThatThrownBy(() -> renderer.render(snapshot("app"))).isInstanceOf(ManifestParseException.class);
  }

  @Test
  void rendersEveryDocumentOfEveryManifestFileInPathOrder() {
    git.commit()
        .add("app/b.yaml", cm("b1") + "---\n" + cm("b2"))
        .add("app/a.yml", cm("a"))
        .add("app/sub/c.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}")
        .add("app/README.md", "not a manifest")
        .call();

    RenderResult result = PlainRenderer.strict().render(snapshot("app"));

    assertThat(result.objects()).extracting(Manifest::name).containsExactly("a", "b1", "b2", "c");
    assertThat(result.objects().get(2).source()).isEqualTo(new SourceLocation("app/b.yaml", 9));
    assertThat(result.objects().get(3).source().path()).isEqualTo("app/sub/c.json");
  }

  @Test
  void listsAreFlattenedAndEmptyDocumentsIgnored() {
    git.commit().add("list.yaml", "---\n---\napiVersion: v1\nkind: List\nitems:\n"
        + "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: one}\n"
        + "- apiVersion: v1\n  kind: Secret\n  metadata: {name: two}\n").call();

    RenderResult result = PlainRenderer.strict().render(snapshot(""));

    assertThat(result.objects()).extracting(Manifest::key).containsExactly(
        ObjectKey.of("v1", "ConfigMap", null, "one"), ObjectKey.of("v1", "Secret", null, "two"));
  }

  @Test
  void brokenYamlNamesFileLineAndColumn() {
    git.commit().add("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n").call();

    assertThatThrownBy(() -> PlainRenderer.strict().render(snapshot("")))
        .isInstanceOf(ManifestParseException.class)
        .hasMessageStartingWith("bad.yaml:")
        .satisfies(e -> assertThat(((ManifestParseException) e).line()).isGreaterThanOrEqualTo(4));
  }

  @Test
  void documentWithoutKindIsAnErrorNamingFileAndLine() {
    git.commit().add("x.yaml", cm("ok") + "---\napiVersion: v1\nmetadata:\n  name: nokind\n").call();

    assertThatThrownBy(() -> PlainRenderer.strict().render(snapshot("")))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageStartingWith("x.yaml:9: ");
  }

  @Test
  void sameObjectTwiceIsAnErrorNamingBothPlaces() {
    git.commit().add("one.yaml", cm("dup")).add("two.yaml", "# comment\n" + cm("dup")).call();

    assertThatThrownBy(() -> PlainRenderer.strict().render(snapshot("")))
        .isInstanceOf(DuplicateObjectException.class)
        .hasMessageContaining("one.yaml:1")
        .hasMessageContaining("two.yaml:2");
  }

  @Test
  void explicitOptionsSkipInvalidAndDuplicateDocumentsAndReportThem() {
    git.commit().add("one.yaml", cm("dup") + "---\n- just a list\n").add("two.yaml", cm("dup")).call();

    RenderResult result = PlainRenderer.builder().skipInvalidDocuments().skipDuplicateObjects().build()
        .render(snapshot(""));

    assertThat(result.objects()).hasSize(1);
    assertThat(result.objects().get(0).source().path()).isEqualTo("one.yaml");
    assertThat(result.skipped()).hasSize(2)
        .anySatisfy(s -> assertThat(s).contains("not an object"))
        .anySatisfy(s -> assertThat(s).contains("declared twice"));
  }

  @Test
  void renderingIsDeterministic() {
    git.commit().add("z.yaml", cm("z")).add("a.yaml", cm("a")).add("m/b.yaml", cm("b")).call();

    assertThat(PlainRenderer.strict().render(snapshot("")).objects())
        .isEqualTo(PlainRenderer.strict().render(snapshot("")).objects());
  }

  @Test
  void aKustomizationWithoutApiVersionIsNamedAsAKustomizeDirectoryWithTheRendererToUse() {
    // kustomize needs no apiVersion or kind: before, this failed as "object has no apiVersion or kind".
    git.commit().add("apps/prod/kustomization.yaml", "resources: [cm.yaml]\n").add("apps/prod/cm.yaml", cm("a"))
        .call();

    assertThatThrownBy(() -> PlainRenderer.strict().render(snapshot("apps/prod")))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("'apps/prod' is a Kustomize directory (it holds kustomization.yaml)")
        .hasMessageContaining("Renderers.forDirectory(snapshot)").hasMessageContaining("KustomizeRenderer.create()");
  }

  @Test
  void anExtensionlessKustomizationFileIsNotSilentlyLeftOutOfAPlainRender() {
    // Not YAML by its name, it was skipped and the resources rendered as if no kustomization were there.
    git.commit().add("app/Kustomization", "namePrefix: prod-\nresources: [cm.yaml]\n").add("app/cm.yaml", cm("a"))
        .call();

    assertThatThrownBy(() -> PlainRenderer.strict().render(snapshot("app")))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("'app' is a Kustomize directory (it holds Kustomization)");
  }

  @Test
  void skippingInvalidDocumentsListsAKustomizationFileAsAKustomizeDirectory() {
    git.commit().add("kustomization.yml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
        .add("cm.yaml", cm("a")).call();

    RenderResult result = PlainRenderer.builder().skipInvalidDocuments().build().render(snapshot(""));

    assertThat(result.objects()).extracting(Manifest::name).containsExactly("a");
    assertThat(result.skipped()).singleElement().asString()
        .contains("the repository root is a Kustomize directory (it holds kustomization.yml)");
  }
}
