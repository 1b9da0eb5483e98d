package dev.gitops.source;

import dev.gitops.model.Revision;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jspecify.annotations.Nullable;

/**
 * What a source requires of the commits it resolves: nothing, a signature by trusted keys, or a
 * {@link SignerPolicy} judged against the last commit it accepted. Shared by the sources;
 * package-private.
 */
final class CommitVerifier {
  private final @Nullable TrustedKeys keys;
  private final @Nullable SignerPolicy policy;
  // The last commit accepted under the policy: changes are judged from it.
  private final AtomicReference<String> lastAccepted;

  private CommitVerifier(@Nullable TrustedKeys keys, @Nullable SignerPolicy policy,
      @Nullable String verifiedSince) {
    this.keys = policy != null ? policy.allKeys() : keys;
    this.policy = policy;
    this.lastAccepted = new AtomicReference<>(verifiedSince);
  }

  /** @throws IllegalStateException if both keys and a policy are given */
  static CommitVerifier of(@Nullable TrustedKeys keys, @Nullable SignerPolicy policy,
      @Nullable String verifiedSince) {
    if (keys != null && policy != null) {
      throw new IllegalStateException("give trustedKeys or a signerPolicy, not both: the policy's"
          + " keys are the trusted ones");
    }
    return new CommitVerifier(keys, policy, verifiedSince);
  }

  /** @throws IllegalArgumentException unless it is a full 40-digit commit id */
  static String commitId(String commitId) {
    if (commitId == null || !commitId.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("verifiedSince needs a full commit id, was " + commitId);
    }
    return commitId;
  }

  /**
   * The revision of a resolved commit, with its verification.
   *
   * @throws UnverifiedCommitException if signatures are required and this one does not verify
   * @throws UnauthorizedSignerException if the policy does not trust the signer for a changed path
   */
  Revision revision(String repository, Repository repo, String refName, RevCommit commit)
      throws IOException {
    Revision revision = Commits.revision(refName, commit, keys);
    if (keys != null && !revision.verification().isVerified()) {
      throw new UnverifiedCommitException(repository, revision);
    }
    if (policy != null) {
      SignerCheck.check(repository, repo, commit, lastAccepted.get(), policy, revision);
      lastAccepted.set(commit.getId().name());
    }
    return revision;
  }
}
