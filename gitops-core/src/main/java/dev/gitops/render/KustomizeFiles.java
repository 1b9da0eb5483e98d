package dev.gitops.render;

import dev.gitops.model.PathEscapeException;
import dev.gitops.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * File access for a Kustomize build. Paths are kept as repository paths; a kustomization may read
 * files only in or below its own directory (Kustomize's default load restriction), while the
 * directories it includes may be anywhere in the repository; package-private.
 */
final class KustomizeFiles {
  private static final Pattern REMOTE = Pattern.compile(
      "^(git::|[a-zA-Z][a-zA-Z0-9+.-]*://|git@|github\\.com/|gitlab\\.com/|bitbucket\\.org/).*|.*[?&]ref=.*");

  private KustomizeFiles() {}

  static boolean isRemote(String entry) {
    return REMOTE.matcher(entry).matches();
  }

  /** The repository path of {@code rel} taken from directory {@code dir} (a repository path). */
  static String join(Kustomization k, String dir, String rel) {
    if (rel.startsWith("/")) {
      throw new KustomizeException(k.file(), "absolute path '" + rel + "' is not allowed");
    }
    try {
      return Snapshot.normalize(dir.isEmpty() ? rel : dir + "/" + rel);
    } catch (PathEscapeException e) {
      throw new KustomizeException(k.file(), "'" + rel + "' leaves the repository", e);
    }
  }

  /** The path of a repository path relative to the snapshot's root, climbing with {@code ..}. */
  static String fromRoot(Snapshot snapshot, String repoPath) {
    List<String> root = segments(snapshot.root());
    List<String> target = segments(repoPath);
    int common = 0;
    while (common < root.size() && common < target.size() && root.get(common).equals(target.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < root.size(); i++) {
      out.add("..");
    }
    out.addAll(target.subList(common, target.size()));
    return String.join("/", out);
  }

  private static List<String> segments(String p) {
    return p.isEmpty() ? List.of() : List.of(p.split("/"));
  }

  static boolean isFile(Snapshot s, String repoPath) {
    return s.isFile(fromRoot(s, repoPath));
  }

  static boolean isDirectory(Snapshot s, String repoPath) {
    return s.isDirectory(fromRoot(s, repoPath));
  }

  /** Parses a YAML or JSON file of a build. */
  static List<YamlDocuments.Document> parseYaml(String path, byte[] content) {
    return YamlDocuments.parse(path, content);
  }

  /**
   * Parses a resource file as kustomize reads resources: annotation values are their source text
   * ({@link YamlDocuments#parseAsKustomize}). Not for patches, where a null deletes.
   */
  static List<YamlDocuments.Document> parseResource(String path, byte[] content) {
    return YamlDocuments.parseAsKustomize(path, content);
  }

  /** Reads a file named by a kustomization; it must lie in or below the kustomization's directory. */
  static byte[] read(Kustomization k, Snapshot snapshot, String rel, String what) {
    if (isRemote(rel)) {
      throw new RemoteResourceException(k.file(), rel);
    }
    String p = join(k, k.dir(), rel);
    if (k.rootOnly() && !k.dir().isEmpty() && !p.startsWith(k.dir() + "/")) {
      throw new KustomizeException(k.file(), what + ": file '" + rel
          + "' is not in or below the kustomization's directory '" + k.dir() + "'");
    }
    if (!isFile(snapshot, p)) {
      throw new KustomizeException(k.file(), what + ": file '" + rel + "' does not exist");
    }
    return snapshot.read(fromRoot(snapshot, p));
  }
}
