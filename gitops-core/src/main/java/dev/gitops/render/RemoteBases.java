package dev.gitops.render;

import dev.gitops.model.Snapshot;

/**
 * Where a Kustomize remote base comes from. Kustomize fetches URLs itself; here a render depends
 * only on what the application is configured to read, so remote bases are refused unless a
 * resolver maps them to a configured Git source ({@link GitRemoteBases}).
 */
@FunctionalInterface
public interface RemoteBases {

  /**
   * The directory a remote resource URL names, as a snapshot rooted at that directory.
   *
   * @param kustomization the kustomization file naming the URL, for errors
   * @param url the URL as written, for example
   *     {@code https://git.example.com/platform/bases.git//apps/web?ref=v1.2.0}
   * @throws RemoteResourceException if the URL is not allowed
   */
  Snapshot resolve(String kustomization, String url);

  /** Refuses every remote resource: the default. */
  static RemoteBases refuse() {
    return (kustomization, url) -> {
      throw new RemoteResourceException(kustomization, url);
    };
  }
}
