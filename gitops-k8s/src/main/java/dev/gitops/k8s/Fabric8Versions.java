package dev.gitops.k8s;

import org.jspecify.annotations.Nullable;

/** The supported fabric8 client line (8.x), checked once before FabricCluster touches fabric8. */
final class Fabric8Versions {
  /** The fabric8 major version gitops-k8s is built for: 8.x uses Jackson 3, 7.x Jackson 2. */
  static final int SUPPORTED_MAJOR = 8;

  private static volatile boolean checked;

  private Fabric8Versions() {}

  static void requireSupported() {
    if (checked) {
      return;
    }
    String problem = problem(found());
    if (problem != null) {
      throw new UnsupportedFabric8Exception(problem);
    }
    checked = true;
  }

  /** fabric8's own {@code Version.clientVersion()} (public in every line), null if unknown. */
  static @Nullable String found() {
    try {
      return io.fabric8.kubernetes.client.Version.clientVersion();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** The message for a found version, or null if supported (or unknown: then nothing to say). */
  static @Nullable String problem(@Nullable String version) {
    if (version == null) {
      return null;
    }
    int major;
    try {
      major = Integer.parseInt(version.split("\\.", 2)[0]);
    } catch (NumberFormatException e) {
      return null;
    }
    if (major == SUPPORTED_MAJOR) {
      return null;
    }
    return "gitops-k8s supports the fabric8 Kubernetes client " + SUPPORTED_MAJOR
        + ".x (Jackson 3) only, but io.fabric8:kubernetes-client-api " + version
        + " is on the class path"
        + (major < SUPPORTED_MAJOR
            ? " (fabric8 7.x and older use Jackson 2; java-operator-sdk 5 brings fabric8 7)."
            : ".")
        + " Fix: manage io.fabric8:kubernetes-client-bom at " + SUPPORTED_MAJOR
        + ".x (import dev.gitops:gitops-bom first), or, beside a framework pinned to fabric8 7"
        + " (java-operator-sdk 5), use gitops-core's engine with that framework's client kept"
        + " apart: gitops-k8s and fabric8 7 cannot share one class path.";
  }
}
