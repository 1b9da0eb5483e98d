package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.k8s.FabricCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the real cluster of a kubeconfig and context ({@code FabricCluster}), for every command
 * that talks to one.
 */
final class Kubeconfig {
  /**
   * In-process tests only: when set, the cluster every command opens instead of a kubeconfig's
   * (an {@code InMemoryCluster} shared by several runs, so that history survives between them).
   * Commands do not close it. Null in normal use.
   */
  static volatile Cluster inProcess;

  private Kubeconfig() {}

  /**
   * The cluster of the kubeconfig file (null: {@code KUBECONFIG}, else {@code ~/.kube/config})
   * and context (null: its current one).
   *
   * @throws CliException naming the kubeconfig and context when there is none or it cannot be read
   */
  static Cluster open(Path kubeconfig, String context) {
    Cluster shared = inProcess;
    if (shared != null) {
      return new UnclosedCluster(shared);
    }
    if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
      throw new CliException("kubeconfig " + kubeconfig + " is not a file");
    }
    if (kubeconfig == null && noDefault()) {
      throw new CliException("no kubeconfig: give --kubeconfig FILE or set KUBECONFIG (" + home()
          + " does not exist)");
    }
    FabricCluster.Builder b = FabricCluster.builder();
    if (kubeconfig != null) {
      b.kubeconfig(kubeconfig);
    }
    if (context != null) {
      b.context(context);
    }
    try {
      return b.build();
    } catch (RuntimeException e) {
      throw new CliException("cannot open the cluster of " + describe(kubeconfig, context), e);
    }
  }

  /** The kubeconfig and context, for messages. */
  static String describe(Path kubeconfig, String context) {
    return (kubeconfig != null ? "kubeconfig " + kubeconfig : "the default kubeconfig")
        + (context != null ? ", context " + context : "");
  }

  // fabric8 would fall back to http://localhost:8080: a confusing connection error much later.
  private static boolean noDefault() {
    String variable = System.getenv("KUBECONFIG");
    boolean inPod = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    return (variable == null || variable.isBlank()) && !inPod && !Files.isRegularFile(home());
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }
}
