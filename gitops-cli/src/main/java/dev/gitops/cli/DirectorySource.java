package dev.gitops.cli;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.source.GitRef;
import dev.gitops.source.RefNotFoundException;
import dev.gitops.source.Source;
import java.nio.file.Path;

/**
 * A {@link Source} over the files of a local directory as they are on disk, read once: every ref
 * resolves to that one {@link Snapshot#ofDirectory working-tree revision}, so the engine can plan a
 * directory that is not committed.
 */
final class DirectorySource implements Source {
  private final Path root;
  private final Snapshot snapshot;

  DirectorySource(Path root) {
    this.root = requireNonNull(root, "root");
    this.snapshot = Snapshot.ofDirectory(root);
  }

  /** The working-tree revision of the directory. */
  Revision revision() {
    return snapshot.revision();
  }

  @Override
  public Revision resolve(GitRef ref) {
    return snapshot.revision();
  }

  @Override
  public Snapshot fetch(GitRef ref, String path) {
    requireNonNull(ref, "ref");
    if (ref.commit() != null && !snapshot.revision().commitId().startsWith(ref.commit())) {
      // Only the files as read can be served; another commit id is a caller's mistake.
      throw new RefNotFoundException(root.toString(), ref, "a directory has one revision, "
          + snapshot.revision().commitId());
    }
    return snapshot.scope(path);
  }
}
