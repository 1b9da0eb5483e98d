package dev.gitops.render;

/**
 * A kustomization names a remote base or resource (a URL): refused, because a render must depend
 * only on the snapshot.
 */
public final class RemoteResourceException extends KustomizeException {
  private static final long serialVersionUID = 1L;
  private final String url;

  public RemoteResourceException(String kustomization, String url) {
    super(kustomization, "remote resource '" + url + "' is not allowed; vendor it into the repository");
    this.url = url;
  }

  public String url() {
    return url;
  }
}
