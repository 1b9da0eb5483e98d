package dev.gitops.source;

import org.jspecify.annotations.Nullable;

/**
 * The remote could not be reached or did not answer in time: connection refused, unknown host,
 * connect or read timeout, or an unknown or changed SSH host key.
 */
public final class SourceUnreachableException extends SourceException {
  private static final long serialVersionUID = 1L;

  public SourceUnreachableException(String repository, String message, @Nullable Throwable cause) {
    super(repository, message, cause);
  }
}
