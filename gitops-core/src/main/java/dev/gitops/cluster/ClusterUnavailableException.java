package dev.gitops.cluster;

import org.jspecify.annotations.Nullable;

/** The cluster did not answer, answered with a server error, or timed out; retrying may help. */
public final class ClusterUnavailableException extends ClusterException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
