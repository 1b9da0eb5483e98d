package dev.gitops.k8s;

import dev.gitops.cluster.Cluster;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import dev.gitops.testing.ControllerSimulatorSuite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The controller simulator's cases on the fabric8 backend against a real kube-apiserver, which
 * validates every status the simulator writes (a finished Job's conditions, a Pod's container
 * statuses) as it would a controller's.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class FabricControllerSimulatorTest extends ControllerSimulatorSuite {
  private final FabricCluster cluster;

  FabricControllerSimulatorTest(KubeApiServer server) {
    this.cluster = FabricCluster.builder().config(server.config()).name("simulator-apiserver").build();
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
