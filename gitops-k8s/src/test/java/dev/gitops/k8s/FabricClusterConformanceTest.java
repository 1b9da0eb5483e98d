package dev.gitops.k8s;

import dev.gitops.cluster.Cluster;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import dev.gitops.testing.ClusterConformanceSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend conformance suite on the fabric8 backend against a real kube-apiserver and etcd:
 * the same cases the in-memory cluster passes.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class FabricClusterConformanceTest extends ClusterConformanceSuite {
  private final FabricCluster cluster;

  FabricClusterConformanceTest(KubeApiServer server) {
    this.cluster = FabricCluster.builder().config(server.config()).name("conformance-apiserver").build();
  }

  @Override
  protected Cluster cluster() {
    return cluster;
  }

  @AfterEach
  void closeClient() {
    cluster.close();
  }
}
