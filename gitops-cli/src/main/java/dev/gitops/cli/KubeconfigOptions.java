package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The real cluster {@code sync}, {@code history} and {@code rollback} work on. */
final class KubeconfigOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "The kubeconfig (default: KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current one).")
  String context;

  /** Opens the cluster; close it when done. */
  Cluster open() {
    return Kubeconfig.open(kubeconfig, context);
  }
}
