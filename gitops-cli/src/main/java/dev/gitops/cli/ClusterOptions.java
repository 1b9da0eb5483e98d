package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which cluster {@code diff} and {@code plan} compare with, and as which application. */
final class ClusterOptions {
  @Mixin
  KubeconfigOptions kubeconfig;

  @Mixin
  NameOptions names;

  @Option(names = "--live", paramLabel = "DIR",
      description = "Seed the in-memory cluster with a sync of this local directory (as the same application),"
          + " so that the output is the change from DIR to SOURCE, prunes included.")
  Path live;

  /**
   * The cluster: a real one through the kubeconfig when {@code --kubeconfig} or {@code --context}
   * is given, else a new, empty in-memory one. Nothing is written to either.
   */
  Cluster open() {
    if (!kubeconfig.given()) {
      return InMemoryCluster.create();
    }
    if (live != null) {
      throw new CliException("--live seeds the in-memory cluster; it cannot be combined with " + kubeconfig.describe());
    }
    return kubeconfig.open();
  }
}
