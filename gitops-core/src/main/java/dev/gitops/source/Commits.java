package dev.gitops.source;

import dev.gitops.model.Revision;
import dev.gitops.model.Verification;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reading commits out of a repository; package-private. */
final class Commits {
  private Commits() {}

  /** Peels the object (an annotated tag or a commit) to its commit; null if it is not present. */
  static RevCommit peel(Repository repo, ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(id);
    } catch (MissingObjectException e) {
      return null;
    }
  }

  /** The commit an abbreviated or full id names; null if none, or if ambiguous (then throws). */
  static ObjectId findCommit(String repository, Repository repo, GitRef ref) throws IOException {
    String hex = ref.commit().toLowerCase(java.util.Locale.ROOT);
    if (hex.length() == 40) {
      ObjectId id = ObjectId.fromString(hex);
      return repo.getObjectDatabase().has(id) ? id : null;
    }
    try (ObjectReader reader = repo.newObjectReader()) {
      Collection<ObjectId> found = reader.resolve(AbbreviatedObjectId.fromString(hex));
      if (found.size() > 1) {
        throw new RefNotFoundException(
            repository, ref, "abbreviated id '" + hex + "' is ambiguous; give more digits");
      }
      return found.isEmpty() ? null : found.iterator().next();
    }
  }

  /** Builds the revision for a commit, verifying its signature when keys are given. */
  static Revision revision(String refName, RevCommit commit, TrustedKeys trustedKeys) {
    PersonIdent a = commit.getAuthorIdent();
    Verification v =
        trustedKeys == null ? Verification.notChecked() : trustedKeys.verify(commit.getRawBuffer());
    return new Revision(
        refName,
        commit.getId().name(),
        a.getName() + " <" + a.getEmailAddress() + ">",
        Instant.ofEpochSecond(commit.getCommitTime()),
        commit.getFullMessage(),
        v);
  }
}
