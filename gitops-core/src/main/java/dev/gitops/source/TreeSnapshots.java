package dev.gitops.source;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Turns a commit's tree into a {@link Snapshot}; package-private. Symbolic links are resolved once,
 * as the snapshot is made, the same way as for {@link Snapshot#ofDirectory}: a link whose target
 * stays inside the repository becomes a copy of the file (or of every file of the directory) it
 * points at; a link that leaves the repository fails the whole snapshot.
 */
final class TreeSnapshots {

  /**
   * {@code Snapshot.adopt}: a snapshot that keeps the blob arrays read here instead of copying
   * them again. It is package-private so that no public factory can let a caller keep a handle
   * on a snapshot's contents; this class, in the same library, reaches it by a private lookup.
   */
  private static final MethodHandle ADOPT;

  static {
    try {
      ADOPT = MethodHandles.privateLookupIn(Snapshot.class, MethodHandles.lookup())
          .findStatic(Snapshot.class, "adopt",
              MethodType.methodType(Snapshot.class, Revision.class, Map.class, Map.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TreeSnapshots() {}

  static Snapshot of(Repository repo, RevCommit commit, Revision revision, String path)
      throws IOException {
    return of(repo, commit, revision, path, Map.of()).snapshot();
  }

  /**
   * A snapshot and the blobs it holds by id. Blobs found in {@code known} (for example the
   * previous snapshot's) are taken from there instead of being read again: a commit that changes
   * one file of thousands reads one blob.
   */
  static Built of(Repository repo, RevCommit commit, Revision revision, String path,
      Map<ObjectId, byte[]> known) throws IOException {
    Map<ObjectId, byte[]> blobs = new HashMap<>();
    TreeMap<String, byte[]> files = new TreeMap<>();
    Map<String, String> links = new HashMap<>();
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk walk = new TreeWalk(repo, reader)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        String p = walk.getPathString();
        if (mode == FileMode.SYMLINK) {
          String target = new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
          links.put(p, target);
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          ObjectId id = walk.getObjectId(0);
          byte[] content = known.get(id);
          if (content == null) {
            content = reader.open(id).getBytes();
          }
          blobs.put(id, content);
          files.put(p, content);
        }
        // Gitlinks (submodules) carry no files of this repository.
      }
    }
    // The arrays are ours: read just now or taken from the previous snapshot's blobs, which are
    // never changed either. Snapshot and blob memo share them; nothing writes to them afterwards.
    Snapshot snapshot = adopt(revision, files, links); // resolves the links, as for a directory
    return new Built(path.isEmpty() ? snapshot : snapshot.scope(path), blobs);
  }

  private static Snapshot adopt(Revision revision, Map<String, byte[]> files, Map<String, String> links) {
    try {
      return (Snapshot) ADOPT.invokeExact(revision, files, links);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e); // adopt declares no checked exception
    }
  }

  /**
   * A snapshot with the blobs it was made of. The blobs are the snapshot's own arrays (no copy):
   * they are only ever read, never changed.
   */
  record Built(Snapshot snapshot, Map<ObjectId, byte[]> blobs) {}
}
