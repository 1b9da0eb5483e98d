package dev.gitops.model;

/** A document cannot be a Kubernetes object: no apiVersion, kind or name, or a bad value. */
public final class InvalidManifestException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final transient SourceLocation location;

  public InvalidManifestException(SourceLocation location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  /** The file and line of the offending document. */
  public SourceLocation location() {
    return location;
  }
}
