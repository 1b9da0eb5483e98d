package dev.gitops.cli;

import picocli.CommandLine.Option;

/** {@code --name} and {@code -n, --namespace}: the application a source is planned or synced as. */
final class NameOptions {
  /** The namespace when {@code --namespace} is not given. */
  static final String DEFAULT_NAMESPACE = "default";

  @Option(names = "--name", paramLabel = "NAME",
      description = "The application's name (a DNS-1123 label), which names its inventory (what is pruned) and"
          + " history in the cluster (default: the SOURCE directory's name).")
  String name;

  // No picocli default: an app file must be able to tell that the flag was given.
  @Option(names = {"-n", "--namespace"}, paramLabel = "NAME",
      description = "The namespace of namespaced objects that declare none (default: " + DEFAULT_NAMESPACE + ").")
  String namespace;

  /** {@code --namespace}, else {@link #DEFAULT_NAMESPACE}. */
  String namespace() {
    return namespace != null ? namespace : DEFAULT_NAMESPACE;
  }

  /** {@code --name}, else the checkout's directory name made a DNS-1123 label. */
  String name(Checkout checkout) {
    return name != null ? name : checkout.defaultAppName();
  }
}
