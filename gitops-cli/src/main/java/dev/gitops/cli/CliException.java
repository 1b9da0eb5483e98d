package dev.gitops.cli;

import org.jspecify.annotations.Nullable;

/** A failure the user can act on; its message names what failed and where. */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with nothing underneath. */
  public CliException(String message) {
    super(message);
  }

  /** A failure caused by another; the cause's message is printed after this one. */
  public CliException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
