package dev.gitops.cluster;

import org.jspecify.annotations.Nullable;

/** The cluster's authorization refused the operation. */
public final class ForbiddenException extends ClusterException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
