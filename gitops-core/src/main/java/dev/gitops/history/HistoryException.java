package dev.gitops.history;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/** A history store could not keep or read a record; the message names the application and where. */
public class HistoryException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  public HistoryException(String message) {
    super(message);
  }

  public HistoryException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
