package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The YAML types of the values {@code replacements} write, as kustomize v5.5.0 gives them (issue
 * #12; case {@code 111-replacements-value-types} checks the same against kustomize): an existing
 * scalar field keeps its type and takes the source's text, a field made by {@code create} is typed
 * as an unquoted scalar of that text.
 */
class KustomizeReplacementsTest {
  private static final String RESOURCES = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: src
      data:
        one: "1"
        flag: "true"
        word: web
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: svc
        labels:
          existing: x
          count: 3
      spec:
        ports:
        - port: 80
      """;

  private final InMemoryGitRepository git = InMemoryGitRepository.create("replacements");

  /** The rendered objects by kind. */
  private Map<String, Manifest> render(String replacements) {
    git.commit()
        .add("app/kustomization.yaml", "resources:\n- resources.yaml\nreplacements:\n" + replacements)
        .add("app/resources.yaml", RESOURCES)
        .call();
    return KustomizeRenderer.create().render(git.source().fetch(GitRef.branch("main"), "app"))
        .objects().stream().collect(Collectors.toMap(Manifest::kind, m -> m));
  }

  private static String copy(String sourceField, String targetField, boolean create) {
    return "- source: {kind: ConfigMap, name: src, fieldPath: " + sourceField + "}\n"
        + "  targets:\n  - select: {kind: Service}\n    fieldPaths: [" + targetField + "]\n"
        + (create ? "    options: {create: true}\n" : "");
  }

  @Test
  void aCreatedFieldTypesTheCopiedTextAsAnUnquotedScalar() {
    Manifest svc = render(copy("data.one", "metadata.labels.created", true)
        + copy("data.flag", "metadata.labels.flag", true)
        + copy("data.word", "metadata.labels.word", true)
        + copy("data.one", "metadata.annotations.note", true)).get("Service");

    assertThat(svc.get("metadata", "labels")).contains(
        Map.of("existing", "x", "count", 3L, "created", 1L, "flag", true, "word", "web"));
    // Annotations are strings whatever was copied: kustomize rewrites them before printing.
    assertThat(svc.get("metadata", "annotations")).contains(Map.of("note", "1"));
  }

  @Test
  void anExistingFieldKeepsItsTypeAndTakesTheText() {
    Map<String, Manifest> out = render(copy("data.one", "metadata.labels.existing", true)
        + copy("data.one", "metadata.labels.count", false)
        + "- source: {kind: Service, name: svc, fieldPath: spec.ports.0.port}\n"
        + "  targets:\n  - select: {kind: ConfigMap}\n    fieldPaths: [data.word]\n");

    assertThat(out.get("Service").get("metadata", "labels")).contains(Map.of("existing", "1", "count", 1L));
    assertThat(out.get("ConfigMap").get("data", "word")).contains("80");
  }

  @Test
  void textThatDoesNotFitAnExistingNumberFieldFails() {
    assertThatThrownBy(() -> render(copy("data.word", "metadata.labels.count", false)))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("'metadata.labels.count' is an integer field");
  }
}
