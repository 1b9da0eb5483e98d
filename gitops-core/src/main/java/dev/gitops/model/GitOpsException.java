package dev.gitops.model;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws. Unchecked: callers handle the subtypes they care about.
 * Messages name what failed and where (repository, ref, path); they never contain credentials.
 */
public class GitOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GitOpsException(String message) {
    super(message);
  }

  public GitOpsException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
