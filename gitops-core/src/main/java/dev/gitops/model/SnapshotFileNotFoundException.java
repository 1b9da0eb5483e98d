package dev.gitops.model;

/** A path asked of a {@link Snapshot} names no file or directory in it, or not the kind asked for. */
public final class SnapshotFileNotFoundException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String path;

  public SnapshotFileNotFoundException(String repositoryPath, Revision revision) {
    super("no file or directory '" + repositoryPath + "' at " + revision);
    this.path = repositoryPath;
  }

  /**
   * A path that exists, but as a file where a directory was asked for.
   *
   * @param problem what is wrong with it, for example {@code is a file, not a directory}
   */
  public SnapshotFileNotFoundException(String repositoryPath, Revision revision, String problem) {
    super("'" + repositoryPath + "' at " + revision + " " + problem);
    this.path = repositoryPath;
  }

  /** The missing path, relative to the repository root. */
  public String path() {
    return path;
  }
}
