package dev.gitops.cli;

import static java.util.Objects.requireNonNull;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import java.nio.file.Path;

/**
 * An application as {@code sync}, {@code history} and {@code rollback} take it, from an app file
 * ({@link AppFile}) or from flags: what to sync from where, and how.
 *
 * @param name the application's name (a DNS-1123 label: it names its inventory and history); empty
 *     for the source directory's name
 * @param source a local directory or {@code REPO_URL@REF[:PATH]}, as {@link Location#parse} reads it
 * @param root for a local source, the directory {@code ..} may reach; null for the source itself
 * @param namespace the namespace of namespaced objects that declare none
 * @param options prune, namespace creation, force, replace, health timeout
 */
record AppSpec(String name, String source, Path root, String namespace, SyncOptions options) {
  AppSpec {
    requireNonNull(name, "name");
    requireNonNull(source, "source");
    requireNonNull(namespace, "namespace");
    requireNonNull(options, "options");
  }

  /** Opens the source; close the result when done. */
  Checkout open(Path cacheDir) {
    return Checkout.open(Location.parse(source), root, cacheDir);
  }

  /**
   * The engine's application: the checkout's source, ref and path in the cluster.
   *
   * @throws CliException if the name or namespace is not valid
   */
  Application application(Checkout checkout, Cluster cluster) {
    try {
      return Application.builder(name.isEmpty() ? checkout.defaultAppName() : name)
          .source(checkout.source()).ref(checkout.ref()).path(checkout.path())
          .destination(cluster, namespace)
          .options(options)
          .build();
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid application", e);
    }
  }
}
