package dev.gitops.test;

import static dev.gitops.test.Fixtures.deployment;
import static dev.gitops.test.Fixtures.namespace;
import static dev.gitops.test.Fixtures.widget;
import static dev.gitops.test.Fixtures.widgetDefinition;
import static dev.gitops.test.Fixtures.write;
import static dev.gitops.test.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.Cluster;
import dev.gitops.k8s.FabricCluster;
import dev.gitops.model.ObjectKey;
import dev.gitops.test.apiserver.KubeApiServer;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assertions against a real kube-apiserver: needs the binaries (docs/test-kit.md). */
@Tag("heavy")
@WithKubeApiServer
class KubeApiServerClusterExtensionTest {
  @TempDir Path root;

  @Test
  void aRealServerAcceptsTheApplicationAndOnlyPrerequisitesAreStored(Cluster cluster,
      FabricCluster fabric, KubeApiServer server) {
    Assertions.assertThat(cluster).isSameAs(fabric);
    Assertions.assertThat(fabric.client().getMasterUrl().toString()).startsWith(server.url());
    write(root, "apps/prod/namespace.yaml", namespace("accepted"));
    write(root, "apps/prod/web.yaml", deployment("web", "accepted", 2));
    write(root, "apps/prod/crd.yaml", widgetDefinition());
    write(root, "apps/prod/widget.yaml", widget("small", "accepted", "3"));

    assertThat(GitOpsRepository.at(root)).application("apps/prod")
        .isAcceptedByTheApiServer(cluster);

    Assertions.assertThat(cluster.get(new ObjectKey("", "Namespace", "", "accepted")))
        .isPresent();
    Assertions.assertThat(cluster.get(new ObjectKey("apps", "Deployment", "accepted", "web")))
        .isEmpty();
  }

  @Test
  void aRealServerRefusalNamesTheObjectItsFileAndTheServersReason(Cluster cluster) {
    write(root, "apps/prod/web.yaml", deployment("web", "refused", 2));
    write(root, "apps/prod/bad.yaml", "# negative replicas\n"
        + deployment("bad", "refused", -1));

    assertThatThrownBy(() -> assertThat(GitOpsRepository.at(root)).application("apps/prod")
        .isAcceptedByTheApiServer(cluster))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected kube-apiserver to accept every object of apps/prod, but "
            + "it refused 1")
        .hasMessageContaining("apps/Deployment refused/bad (apps/prod/bad.yaml:2): ")
        .hasMessageContaining("spec.replicas");
  }
}
