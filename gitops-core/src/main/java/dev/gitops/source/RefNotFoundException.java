package dev.gitops.source;

/** The ref names no branch, tag, matching version or commit in the repository. */
public final class RefNotFoundException extends SourceException {
  private static final long serialVersionUID = 1L;
  private final transient GitRef ref;

  public RefNotFoundException(String repository, GitRef ref, String detail) {
    super(repository, "ref not found: " + ref + (detail.isEmpty() ? "" : " (" + detail + ")"));
    this.ref = ref;
  }

  public GitRef ref() {
    return ref;
  }
}
