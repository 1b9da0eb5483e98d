package dev.gitops.cluster;

import dev.gitops.testing.ClusterConformanceSuite;

/** The conformance suite on the in-memory cluster; one cluster serves every case, as a real one would. */
class InMemoryClusterConformanceTest extends ClusterConformanceSuite {
  private static final InMemoryCluster CLUSTER = InMemoryCluster.create();

  @Override
  protected Cluster cluster() {
    return CLUSTER;
  }
}
