package dev.gitops.plan;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;

/** A sync annotation (wave, hook, hook delete policy, sync options) could not be read. */
public final class InvalidDirectiveException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  private final transient ObjectKey key;

  public InvalidDirectiveException(ObjectKey key, SourceLocation source, String problem) {
    super((source.path().isEmpty() ? "" : source + ": ") + key + ": " + problem);
    this.key = key;
  }

  /** The object whose annotation is wrong. */
  public ObjectKey key() {
    return key;
  }
}
