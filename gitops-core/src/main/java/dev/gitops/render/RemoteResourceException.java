package dev.gitops.render;

/**
 * A kustomization names a remote base or resource (a URL) that is not allowed: by default every
 * URL, since a render must depend only on what the application is configured to read.
 */
public final class RemoteResourceException extends KustomizeException {
  private static final long serialVersionUID = 1L;
  private final String url;

  public RemoteResourceException(String kustomization, String url) {
    this(kustomization, url, "is not allowed; vendor it into the repository or configure remote"
        + " bases (KustomizeRenderer.Builder#remoteBases)");
  }

  /** A refusal with its reason, which follows {@code remote resource '<url>' }. */
  public RemoteResourceException(String kustomization, String url, String reason) {
    super(kustomization, "remote resource '" + url + "' " + reason);
    this.url = url;
  }

  public String url() {
    return url;
  }
}
