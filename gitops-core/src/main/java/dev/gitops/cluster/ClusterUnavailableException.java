package dev.gitops.cluster;

/** The cluster did not answer, answered with a server error, or timed out; retrying may help. */
public final class ClusterUnavailableException extends ClusterException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
