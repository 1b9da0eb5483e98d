package dev.gitops.cli;

import dev.gitops.cluster.Cluster;

/** A cluster shared beyond one command: closing this view leaves it open. */
final class UnclosedCluster extends dev.gitops.cluster.ForwardingCluster {
  UnclosedCluster(Cluster delegate) {
    super(delegate);
  }

  @Override
  public void close() {
    // The owner closes it.
  }
}
