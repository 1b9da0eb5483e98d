package dev.gitops.source;

import dev.gitops.model.Revision;

/**
 * A commit is validly signed, but its signer is not trusted for a path it changes under a {@link
 * SignerPolicy}.
 */
public final class UnauthorizedSignerException extends SourceException {
  private static final long serialVersionUID = 1L;
  private final transient Revision revision;
  private final String path;
  private final String rule;

  public UnauthorizedSignerException(String repository, Revision revision, String path,
      String rule, int morePaths) {
    super(repository, "commit " + revision.commitId() + " (" + revision.ref() + ") changes "
        + path + (morePaths > 0 ? " (and " + morePaths + " more paths that need the same keys)" : "")
        + ", which rule '" + rule + "' allows only for other keys; it is signed by "
        + describe(revision));
    this.revision = revision;
    this.path = path;
    this.rule = rule;
  }

  private static String describe(Revision r) {
    String signer = r.verification().signer();
    String key = r.verification().keyId();
    return (signer.isEmpty() ? "an unnamed key" : signer) + (key.isEmpty() ? "" : " (" + key + ")");
  }

  /** The commit, with its signer in {@link Revision#verification()}. */
  public Revision revision() {
    return revision;
  }

  /** The first refused path, in repository order. */
  public String path() {
    return path;
  }

  /** The pattern of the rule that refused it, or {@code otherwise} for the fallback. */
  public String rule() {
    return rule;
  }
}
