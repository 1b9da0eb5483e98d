package dev.gitops.apply;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.ObjectKey;

/**
 * An application declares an object that another application's inventory holds: taking it over
 * silently would let two applications fight over it, and the other one would prune it.
 */
public final class InventoryConflictException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  private final transient ObjectKey key;
  private final String application;
  private final String owner;

  public InventoryConflictException(ObjectKey key, String application, String owner) {
    super(key + " is declared by application '" + application + "' but owned by application '" + owner
        + "'; remove it from one of them (or from '" + owner + "' first, with prune off)");
    this.key = key;
    this.application = application;
    this.owner = owner;
  }

  public ObjectKey key() {
    return key;
  }

  /** The application that declares the object now. */
  public String application() {
    return application;
  }

  /** The application whose inventory holds it. */
  public String owner() {
    return owner;
  }
}
