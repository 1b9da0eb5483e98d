package dev.gitops.render;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;

/** The same object is declared twice; names both places. */
public final class DuplicateObjectException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final transient ObjectKey key;
  private final transient SourceLocation first;
  private final transient SourceLocation second;

  public DuplicateObjectException(ObjectKey key, SourceLocation first, SourceLocation second) {
    super(key + " is declared twice: at " + first + " and at " + second);
    this.key = key;
    this.first = first;
    this.second = second;
  }

  public ObjectKey key() {
    return key;
  }

  public SourceLocation first() {
    return first;
  }

  public SourceLocation second() {
    return second;
  }
}
