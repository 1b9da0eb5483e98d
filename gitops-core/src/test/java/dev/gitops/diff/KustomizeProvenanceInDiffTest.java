package dev.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.render.KustomizeRenderer;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A drifted field of a Kustomize-rendered object names its file, line and the patches applied. */
class KustomizeProvenanceInDiffTest {

  @Test
  void changeCarriesTheFileLineAndTheKustomizePatchesOfTheDesiredValue() {
    InMemoryGitRepository git = InMemoryGitRepository.create("provenance");
    git.commit()
        .add("base/kustomization.yaml", "resources: [cm.yaml]\n")
        .add("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: base\n")
        .add("prod/kustomization.yaml", "namespace: apps\nresources: [../base]\npatches:\n"
            + "- target: {kind: ConfigMap}\n  patch: |\n    - {op: replace, path: /data/mode, value: prod}\n")
        .add("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n")
        .call();
    Manifest desired = KustomizeRenderer.create()
        .render(git.source().fetch(GitRef.branch("main"), "prod")).objects().get(0);
    InMemoryCluster cluster = InMemoryCluster.create();
    cluster.apply(Manifest.of(Map.of("apiVersion", "v1", "kind", "Namespace",
        "metadata", Map.of("name", "apps")), desired.source()), ApplyOptions.defaults());
    cluster.apply(desired, ApplyOptions.defaults());
    // Someone else changes the patched value.
    cluster.apply(Manifest.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "settings", "namespace", "apps"), "data", Map.of("mode", "debug")),
        desired.source()), ApplyOptions.defaults().withFieldManager("kubectl").withForce(true));

    ResourceDiff diff = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults())
        .diff(desired, cluster.get(desired.key()));

    assertThat(diff.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    FieldChange change = diff.changes().get(0);
    assertThat(change.desired()).isEqualTo("prod");
    assertThat(change.live()).isEqualTo("debug");
    assertThat(change.source().path()).isEqualTo("base/cm.yaml");
    assertThat(change.source().line()).isEqualTo(1);
    assertThat(change.source().via()).isEqualTo(List.of(
        "prod/kustomization.yaml: patches", "prod/kustomization.yaml: namespace"));
    assertThat(change.source()).hasToString(
        "base/cm.yaml:1 via prod/kustomization.yaml: patches, prod/kustomization.yaml: namespace");
  }
}
