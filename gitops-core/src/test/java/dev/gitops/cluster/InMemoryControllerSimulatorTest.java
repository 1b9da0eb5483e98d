package dev.gitops.cluster;

import dev.gitops.testing.ControllerSimulatorSuite;

/** The controller simulator's cases on the in-memory cluster. */
class InMemoryControllerSimulatorTest extends ControllerSimulatorSuite {
  private static final InMemoryCluster CLUSTER = InMemoryCluster.create();

  @Override
  protected Cluster cluster() {
    return CLUSTER;
  }
}
