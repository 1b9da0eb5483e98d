package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig} and {@code --context}: the real cluster {@code sync}, {@code history},
 * {@code rollback} and {@code resume} work on, and {@code diff} and {@code plan} compare with when
 * either is given.
 */
final class KubeconfigOptions {
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "The kubeconfig of the cluster (default: KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current one).")
  String context;

  /** Whether either option was given. */
  boolean given() {
    return kubeconfig != null || context != null;
  }

  /** Opens the cluster; close it when done. */
  Cluster open() {
    return Kubeconfig.open(kubeconfig, context);
  }

  /** The kubeconfig and context, for messages. */
  String describe() {
    return Kubeconfig.describe(kubeconfig, context);
  }
}
