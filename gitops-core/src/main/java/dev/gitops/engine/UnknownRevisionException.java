package dev.gitops.engine;

import dev.gitops.model.GitOpsException;

/** A rollback named a revision that is neither in the application's history nor a full commit id. */
public final class UnknownRevisionException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  public UnknownRevisionException(String application, String revision) {
    super("application '" + application + "': no sync of revision '" + revision
        + "' in its history; give a full 40-character commit id to roll back to a commit never synced");
  }
}
