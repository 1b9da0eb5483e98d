package dev.gitops.cluster;

/** The cluster's authorization refused the operation. */
public final class ForbiddenException extends ClusterException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }
}
