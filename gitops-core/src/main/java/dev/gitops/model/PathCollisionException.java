package dev.gitops.model;

/**
 * Two files of a snapshot would have the same path once normalized, for example
 * {@code apps\prod\cm.yaml} (a legal Git file name) and {@code apps/prod/cm.yaml}. Taking either
 * would let one file silently replace another, so the snapshot is refused.
 */
public final class PathCollisionException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String first;
  private final String second;
  private final String normalized;

  public PathCollisionException(String first, String second, String normalized) {
    super("repository paths '" + first + "' and '" + second + "' both read as '" + normalized
        + "'; rename one of them");
    this.first = first;
    this.second = second;
    this.normalized = normalized;
  }

  /** One of the two paths, as given. */
  public String first() {
    return first;
  }

  /** The other path, as given. */
  public String second() {
    return second;
  }

  /** The path both normalize to. */
  public String normalized() {
    return normalized;
  }
}
