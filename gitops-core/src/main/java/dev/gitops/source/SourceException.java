package dev.gitops.source;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A repository could not be read. The message names the repository (credentials removed) and
 * the ref when there is one.
 */
public class SourceException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String repository;

  public SourceException(String repository, String message) {
    super(repository + ": " + message);
    this.repository = repository;
  }

  public SourceException(String repository, String message, @Nullable Throwable cause) {
    super(repository + ": " + message, cause);
    this.repository = repository;
  }

  /** The repository URL or path, without credentials. */
  public String repository() {
    return repository;
  }
}
