package dev.gitops.friction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.model.InvalidManifestException;
import dev.gitops.model.Snapshot;
import dev.gitops.render.PlainRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user met on a first try, each answered with a message that says what to do. */
class NewUserFrictionTest {

  @Test
  void plainRendererOnAKustomizationPointsToTheRightRenderer(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [cm.yaml]\n");
    Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");

    assertThatThrownBy(() -> PlainRenderer.strict().render(Snapshot.ofDirectory(dir)))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining("kustomization.yaml")
        .hasMessageContaining("Renderers.forDirectory");
  }

  @Test
  void everyClusterCanBeClosedInTryWithResources() {
    try (Cluster cluster = InMemoryCluster.create()) {
      assertThat(cluster.name()).isEqualTo("in-memory");
    }
  }
}
