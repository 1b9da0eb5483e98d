package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A resolved commit: which ref asked for it, its id, author, time and message, and whether its
 * signature was verified.
 *
 * @param ref the ref as resolved, for example {@code refs/heads/main}, {@code refs/tags/v1.2.0},
 *     or the commit id itself when a commit was asked for
 * @param commitId full 40-character hex object id
 * @param author author name and e-mail, {@code Name <email>}
 * @param commitTime committer time
 * @param message full commit message
 * @param verification outcome of signature verification
 */
public record Revision(
    String ref,
    String commitId,
    String author,
    Instant commitTime,
    String message,
    Verification verification) {

  public Revision {
    requireNonNull(ref, "ref");
    requireNonNull(commitId, "commitId");
    requireNonNull(author, "author");
    requireNonNull(commitTime, "commitTime");
    requireNonNull(message, "message");
    requireNonNull(verification, "verification");
    if (!commitId.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("commitId must be 40 lower-case hex digits: " + commitId);
    }
  }

  /** The first 12 characters of the commit id. */
  public String shortId() {
    return commitId.substring(0, 12);
  }

  /** The first line of the message. */
  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public String toString() {
    return ref + "@" + shortId();
  }
}
