package dev.gitops.source;

import org.jspecify.annotations.Nullable;

/** The remote refused the credentials, or asked for credentials that were not given. */
public final class SourceAuthenticationException extends SourceException {
  private static final long serialVersionUID = 1L;

  public SourceAuthenticationException(String repository, String message, @Nullable Throwable cause) {
    super(repository, message, cause);
  }
}
