package dev.gitops.model;

/** A path asked of a {@link Snapshot} names no file or directory in it. */
public final class SnapshotFileNotFoundException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public SnapshotFileNotFoundException(String repositoryPath, Revision revision) {
    super("no file or directory '" + repositoryPath + "' at " + revision);
    this.path = repositoryPath;
  }

  /** The missing path, relative to the repository root. */
  public String path() {
    return path;
  }
}
