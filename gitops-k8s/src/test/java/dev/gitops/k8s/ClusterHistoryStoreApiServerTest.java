package dev.gitops.k8s;

import dev.gitops.cluster.Cluster;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import dev.gitops.testing.ClusterHistoryStoreContract;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster history store's contract on the fabric8 backend against a real kube-apiserver and
 * etcd: real server-side apply conflicts decide which of two concurrent writers gets an id.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class ClusterHistoryStoreApiServerTest extends ClusterHistoryStoreContract {
  // Closed after the contract's @AfterEach, which deletes the case's namespace through it.
  @AutoClose
  private final FabricCluster cluster;

  ClusterHistoryStoreApiServerTest(KubeApiServer server) {
    this.cluster = FabricCluster.builder().config(server.config()).name("history-apiserver").build();
  }

  @Override
  protected Cluster cluster() {
    return cluster;
  }
}
