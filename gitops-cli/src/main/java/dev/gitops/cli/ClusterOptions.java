package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.InMemoryCluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster {@code diff} and {@code plan} compare with, and as which application. */
final class ClusterOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Compare with the cluster of this kubeconfig (default: an empty in-memory cluster).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME",
      description = "The kubeconfig context; alone, it selects a context of the default kubeconfig.")
  String context;

  @Option(names = "--live", paramLabel = "DIR",
      description = "Seed the in-memory cluster with a sync of this local directory (as the same application),"
          + " so that the output is the change from DIR to SOURCE, prunes included.")
  Path live;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAME", defaultValue = "default",
      description = "The namespace of namespaced objects that declare none; default ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The application name, whose inventory in the cluster says what would be pruned"
          + " (default: the directory's name), as sync's --name.")
  String app;

  /** Whether a real cluster was asked for. */
  boolean real() {
    return kubeconfig != null || context != null;
  }

  /**
   * The cluster: a real one through the kubeconfig when {@code --kubeconfig} or {@code --context}
   * is given, else a new, empty in-memory one. Nothing is written to either.
   */
  Cluster open() {
    if (!real()) {
      return InMemoryCluster.create();
    }
    if (live != null) {
      throw new CliException("--live seeds the in-memory cluster; it cannot be combined with " + describe());
    }
    return Kubeconfig.open(kubeconfig, context);
  }

  /** The kubeconfig and context, for messages. */
  String describe() {
    return Kubeconfig.describe(kubeconfig, context);
  }

  /** {@code --app}, else the directory's name made a DNS-1123 label (the engine requires one). */
  String appName(Checkout checkout) {
    if (app != null) {
      return app;
    }
    return checkout.defaultAppName();
  }
}
