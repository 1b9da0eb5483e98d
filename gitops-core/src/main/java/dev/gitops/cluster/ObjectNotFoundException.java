package dev.gitops.cluster;

import dev.gitops.model.ObjectKey;

/** The object, or the namespace it must live in, does not exist. */
public final class ObjectNotFoundException extends ClusterException {
  private static final long serialVersionUID = 1L;
  private final transient ObjectKey key;

  public ObjectNotFoundException(ObjectKey key, String message) {
    super(message);
    this.key = key;
  }

  /** The object the operation was about. */
  public ObjectKey key() {
    return key;
  }
}
