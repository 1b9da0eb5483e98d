package dev.gitops.cluster;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/** A cluster operation failed; the message names the cluster and the object or kind. */
public class ClusterException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
