package dev.gitops.source;

import dev.gitops.model.Revision;
import dev.gitops.model.Verification;

/** Signatures are required and the commit at the ref has none, an unknown one or a bad one. */
public final class UnverifiedCommitException extends SourceException {
  private static final long serialVersionUID = 1L;
  private final transient Revision revision;

  public UnverifiedCommitException(String repository, Revision revision) {
    super(
        repository,
        "commit " + revision.commitId() + " (" + revision.ref() + ") failed verification: "
            + revision.verification().status() + ": " + revision.verification().reason());
    this.revision = revision;
  }

  /** The commit as resolved, with its {@link Verification} result. */
  public Revision revision() {
    return revision;
  }

  public Verification verification() {
    return revision.verification();
  }
}
