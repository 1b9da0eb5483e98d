package dev.gitops.source;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;

/**
 * The source stage: resolves a {@link GitRef} to a commit and hands over an immutable
 * {@link Snapshot} of its files. Implementations: {@link JGitSource} for remote repositories
 * (with a shared {@link GitCache}) and {@link RepositorySource} for local or in-memory ones.
 *
 * <p>Errors are {@link SourceException} subtypes naming the repository (without credentials), the
 * ref and, where relevant, the path.
 */
public interface Source {

  /**
   * Resolves a ref to a commit, fetching what is needed, and verifies the commit's signature when
   * this source requires it.
   *
   * @throws RefNotFoundException if the ref names nothing in the repository
   * @throws UnverifiedCommitException if signatures are required and the commit's is not valid
   */
  Revision resolve(GitRef ref);

  /**
   * The files at a ref, scoped to a sub-path of the repository ({@code ""} for all of it).
   *
   * @throws dev.gitops.model.PathEscapeException if the path, or a symbolic link under it, leaves
   *     the repository
   * @throws dev.gitops.model.SnapshotFileNotFoundException if the path does not exist at that commit
   */
  Snapshot fetch(GitRef ref, String path);

  /** The files of the whole repository at a ref. */
  default Snapshot fetch(GitRef ref) {
    return fetch(ref, "");
  }
}
