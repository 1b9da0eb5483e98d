package dev.gitops.model;

/** A path, or a symbolic link's target, would leave the snapshot it belongs to. */
public final class PathEscapeException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public PathEscapeException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The offending path, relative to the snapshot root, as it was given. */
  public String path() {
    return path;
  }
}
