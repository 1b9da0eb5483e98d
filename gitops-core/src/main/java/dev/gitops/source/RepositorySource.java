package dev.gitops.source;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A {@link Source} over a repository already at hand: a local one on disk or an in-memory one
 * ({@link InMemoryGitRepository}). Nothing is fetched; refs are read as they are now.
 *
 * <pre>{@code
 * Source source = RepositorySource.builder(repository).trustedKeys(keys).build();
 * Snapshot snapshot = source.fetch(GitRef.branch("main"), "apps/prod");
 * }</pre>
 */
public final class RepositorySource implements Source {
  private final Repository repo;
  private final String name;
  private final CommitVerifier verifier;
  // The blobs of the last fetch (immutable arrays, shared with that snapshot); replaced whole.
  private volatile Map<org.eclipse.jgit.lib.ObjectId, byte[]> lastBlobs = Map.of();

  private RepositorySource(Builder b) {
    this.repo = b.repository;
    this.name = b.name != null ? b.name : describe(b.repository);
    this.verifier = CommitVerifier.of(b.trustedKeys, b.signerPolicy, b.verifiedSince);
  }

  public static Builder builder(Repository repository) {
    return new Builder(repository);
  }

  @Override
  public Revision resolve(GitRef ref) {
    return resolveCommit(ref).revision;
  }

  @Override
  public Snapshot fetch(GitRef ref, String path) {
    requireNonNull(path, "path");
    Resolved r = resolveCommit(ref);
    try {
      // Blobs of the previous fetch are reused by id: a commit that changes one file reads one.
      TreeSnapshots.Built built = TreeSnapshots.of(repo, r.commit, r.revision, path, lastBlobs);
      lastBlobs = built.blobs();
      return built.snapshot();
    } catch (IOException e) {
      throw new SourceException(name, "cannot read the tree of " + r.revision + ": " + e.getMessage(), e);
    }
  }

  private Resolved resolveCommit(GitRef ref) {
    requireNonNull(ref, "ref");
    try {
      String refName;
      ObjectId id;
      if (ref.kind() == GitRef.Kind.COMMIT) {
        id = Commits.findCommit(name, repo, ref);
        if (id == null) {
          throw new RefNotFoundException(name, ref, "no such commit");
        }
        refName = id.name();
      } else {
        RefSelection sel = RefSelection.select(name, ref, refs());
        refName = sel.refName();
        id = sel.id();
      }
      RevCommit commit = Commits.peel(repo, id);
      if (commit == null) {
        throw new RefNotFoundException(name, ref, "object " + id.name() + " is missing");
      }
      Revision revision = verifier.revision(name, repo, refName, commit);
      return new Resolved(commit, revision);
    } catch (IOException e) {
      throw new SourceException(name, "cannot resolve " + ref + ": " + e.getMessage(), e);
    }
  }

  private Map<String, ObjectId> refs() throws IOException {
    Map<String, ObjectId> out = new HashMap<>();
    for (Ref r : repo.getRefDatabase().getRefsByPrefix(RefSelection.HEADS)) {
      out.put(r.getName(), r.getObjectId());
    }
    for (Ref r : repo.getRefDatabase().getRefsByPrefix(RefSelection.TAGS)) {
      Ref peeled = repo.getRefDatabase().peel(r);
      out.put(r.getName(), peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : r.getObjectId());
    }
    return out;
  }

  private static String describe(Repository repo) {
    return repo.getDirectory() != null ? repo.getDirectory().toString() : repo.toString();
  }

  private record Resolved(RevCommit commit, Revision revision) {}

  /** Options of a {@link RepositorySource}. */
  public static final class Builder {
    private final Repository repository;
    private String name;
    private TrustedKeys trustedKeys;
    private SignerPolicy signerPolicy;
    private String verifiedSince;

    private Builder(Repository repository) {
      this.repository = requireNonNull(repository, "repository");
    }

    /** A name for the repository in errors and revisions; defaults to its directory. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Requires every resolved commit to be signed by one of these keys. */
    public Builder trustedKeys(TrustedKeys keys) {
      this.trustedKeys = requireNonNull(keys, "keys");
      return this;
    }

    /**
     * Requires every resolved commit to be signed, and every path it changes to be signed by a
     * key trusted for that path; replaces {@link #trustedKeys}.
     */
    public Builder signerPolicy(SignerPolicy policy) {
      this.signerPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Under a {@link #signerPolicy}, the commit whose content is already trusted (for example the
     * last one synced, from the history): the first commit resolved is judged by what changed
     * since it rather than by all its files.
     *
     * @throws IllegalArgumentException unless it is a full 40-digit commit id
     */
    public Builder verifiedSince(String commitId) {
      this.verifiedSince = CommitVerifier.commitId(commitId);
      return this;
    }

    public RepositorySource build() {
      return new RepositorySource(this);
    }
  }
}
