package dev.gitops.model;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An immutable file tree of a whole repository at a {@link Revision}, seen from a root directory:
 * what the render stage reads.
 *
 * <p>Paths are relative to the root, with {@code /} separators. They may climb above the root
 * with {@code ..} (a Kustomize overlay reaching its base), but never above the repository: such a
 * path fails with {@link PathEscapeException}. Symbolic links were resolved when the snapshot was
 * made, so every entry is a regular file.
 */
public final class Snapshot {
  private final Revision revision;
  private final String root;
  private final NavigableMap<String, byte[]> files; // by repository path; shared between scopes

  private Snapshot(Revision revision, String root, NavigableMap<String, byte[]> files) {
    this.revision = revision;
    this.root = root;
    this.files = files;
  }

  /**
   * The files under a local directory as they are on disk, uncommitted and untracked files
   * included: what a developer renders before committing. The directory is the repository root;
   * {@code .git} is left out. Symbolic links are resolved as the Git sources resolve a commit's
   * links, by their target's text: one that stays inside the directory reads as its target, one
   * that leaves it or is absolute is refused, so the directory renders as its commit will.
   *
   * <p>The revision says it is no commit: ref {@code local-directory:<real path>}, message naming
   * the directory, the newest file time, no author and no signature. Its commit id is a SHA-1 over
   * the paths, contents and link targets, so equal trees have equal ids and any change makes
   * another, and it is no commit id of any repository.
   *
   * @throws PathEscapeException if a symbolic link leads outside the directory, is absolute,
   *     points at the directory itself or loops
   * @throws IllegalArgumentException if the path is not a directory
   * @throws UncheckedIOException if the directory cannot be read
   */
  public static Snapshot ofDirectory(Path directory) {
    requireNonNull(directory, "directory");
    Path root;
    try {
      root = directory.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read directory " + directory, e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(directory + " is not a directory");
    }
    TreeMap<String, byte[]> files = new TreeMap<>();
    TreeMap<String, String> links = new TreeMap<>();
    Instant[] newest = {Instant.EPOCH};
    try {
      // Links are not followed: they are read as a commit stores them and resolved by the tree.
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.equals(root.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = root.relativize(file).toString().replace(File.separatorChar, '/');
          if (rel.equals(".git")) { // a worktree's or submodule's pointer file
            return FileVisitResult.CONTINUE;
          }
          if (attrs.isSymbolicLink()) {
            links.put(rel, Files.readSymbolicLink(file).toString().replace(File.separatorChar, '/'));
          } else if (attrs.isRegularFile()) {
            files.put(rel, Files.readAllBytes(file));
            Instant modified = attrs.lastModifiedTime().toInstant();
            newest[0] = modified.isAfter(newest[0]) ? modified : newest[0];
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read directory " + root, e);
    }
    Revision revision = new Revision("local-directory:" + root, treeId(files, links), "", newest[0],
        "local directory " + root + " as on disk, not a commit",
        new Verification(Verification.Status.NOT_CHECKED, "", "", "a local directory has no signature"));
    return adopt(revision, files, links);
  }

  /** A SHA-1 over paths, contents and link targets: equal trees, equal ids. */
  private static String treeId(Map<String, byte[]> files, Map<String, String> links) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java platform", e);
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      entry(sha1, "file", f.getKey(), f.getValue());
    }
    for (Map.Entry<String, String> l : links.entrySet()) {
      entry(sha1, "link", l.getKey(), l.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  private static void entry(MessageDigest sha1, String type, String path, byte[] content) {
    // Length-prefixed: no two different trees feed the digest the same bytes.
    sha1.update((type + " " + path + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
    sha1.update(content);
  }

  /**
   * A snapshot of the given files, rooted at the repository root.
   *
   * <p>The contents are copied: the caller keeps ownership of its arrays and may change or reuse
   * them afterwards without affecting the snapshot.
   *
   * @param revision the commit the files belong to
   * @param files file contents by repository path
   */
  public static Snapshot of(Revision revision, Map<String, byte[]> files) {
    return build(revision, files, true);
  }

  /**
   * A snapshot that takes ownership of the given arrays instead of copying them; not public.
   *
   * <p>Only for callers that made the arrays themselves and will never change them afterwards
   * (they may keep reading them, and one array may stand for several paths): the fetch path,
   * which has just read every blob from Git and would otherwise hold each file twice. It reaches
   * this method through a private lookup ({@code dev.gitops.source.TreeSnapshots}); everyone
   * else uses {@link #of}, which copies.
   *
   * @param revision the commit the files belong to
   * @param files file contents by repository path; the map itself is not kept
   */
  static Snapshot adopt(Revision revision, Map<String, byte[]> files) {
    return build(revision, files, false);
  }

  /**
   * {@link #adopt(Revision, Map)} of regular files and symbolic links, the links resolved (see
   * {@link SymbolicLinks}); reached like the other by {@code dev.gitops.source.TreeSnapshots}.
   *
   * @param links link targets as written, by link path
   * @throws PathEscapeException if a link leaves the repository, is absolute, points at its root
   *     or loops
   */
  static Snapshot adopt(Revision revision, Map<String, byte[]> files, Map<String, String> links) {
    if (links.isEmpty()) {
      return adopt(revision, files);
    }
    TreeMap<String, byte[]> all = new TreeMap<>(files);
    all.putAll(SymbolicLinks.resolve(links, all)); // resolved in full before any is added
    return adopt(revision, all);
  }

  private static Snapshot build(Revision revision, Map<String, byte[]> files, boolean copy) {
    requireNonNull(revision, "revision");
    TreeMap<String, byte[]> byPath = new TreeMap<>();
    Map<String, String> given = new java.util.HashMap<>();
    // Sorted, so the two paths of a collision are named in the same order every time.
    Map<String, byte[]> ordered = files instanceof java.util.SortedMap<String, byte[]> sorted
        && sorted.comparator() == null ? files : new TreeMap<>(files);
    ordered.forEach((p, b) -> {
      String key = normalize(p);
      if (key.isEmpty()) {
        // "", "." or "a/.." name the repository itself, never a file in it.
        throw new PathEscapeException(p, "path '" + p + "' names the repository root, not a file");
      }
      String earlier = given.putIfAbsent(key, p);
      if (earlier != null) {
        throw new PathCollisionException(earlier, p, key);
      }
      byPath.put(key, copy ? b.clone() : requireNonNull(b, p));
    });
    return new Snapshot(revision, "", Collections.unmodifiableNavigableMap(byPath));
  }

  public Revision revision() {
    return revision;
  }

  /** The repository path this snapshot is rooted at; empty for the repository root. */
  public String root() {
    return root;
  }

  /** Every file below the root, relative to it, sorted. */
  public List<String> files() {
    return filesUnder("");
  }

  /** Files below {@code dir} (relative to the root), as paths relative to the root, sorted. */
  public List<String> filesUnder(String dir) {
    String d = resolve(dir);
    String prefix = d.isEmpty() ? "" : d + "/";
    List<String> out = new ArrayList<>();
    for (String p : files.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
      out.add(relativize(p));
    }
    return Collections.unmodifiableList(out);
  }

  public boolean isFile(String path) {
    return files.containsKey(resolve(path));
  }

  public boolean isDirectory(String path) {
    String d = resolve(path);
    if (d.isEmpty()) {
      return true;
    }
    String next = files.ceilingKey(d + "/");
    return next != null && next.startsWith(d + "/");
  }

  /**
   * Contents of a file.
   *
   * @throws SnapshotFileNotFoundException if there is no such file
   * @throws PathEscapeException if the path leaves the repository
   */
  public byte[] read(String path) {
    String p = resolve(path);
    byte[] b = files.get(p);
    if (b == null) {
      throw new SnapshotFileNotFoundException(p, revision);
    }
    return b.clone();
  }

  /**
   * The snapshot's own array of a file's contents, not a copy; not public. Only for readers in
   * this library that never change it: the plain renderer, which parses every file of every
   * render and keeps the array in its parse cache, so that the next render of this snapshot
   * compares it by identity. It reaches this method through a private lookup, as {@code
   * dev.gitops.source.TreeSnapshots} reaches {@link #adopt(Revision, Map)}.
   *
   * @throws SnapshotFileNotFoundException if there is no such file
   */
  byte[] own(String path) {
    String p = resolve(path);
    byte[] b = files.get(p);
    if (b == null) {
      throw new SnapshotFileNotFoundException(p, revision);
    }
    return b;
  }

  /**
   * Whether the file holds exactly these bytes; compares without copying the file, so a caller
   * that kept an earlier snapshot's content (a parse cache) checks it cheaply.
   *
   * @throws SnapshotFileNotFoundException if there is no such file
   */
  public boolean contentEquals(String path, byte[] content) {
    String p = resolve(path);
    byte[] own = files.get(p);
    if (own == null) {
      throw new SnapshotFileNotFoundException(p, revision);
    }
    return own == content || java.util.Arrays.equals(own, content);
  }

  public String readString(String path) {
    return new String(read(path), StandardCharsets.UTF_8);
  }

  /** The repository path of a path relative to the root. */
  public String repositoryPath(String path) {
    return resolve(path);
  }

  /**
   * The same tree rooted at a sub-directory of the current root ({@code ..} allowed within the
   * repository).
   *
   * @throws SnapshotFileNotFoundException if the directory does not exist, or is a file
   */
  public Snapshot scope(String dir) {
    String d = resolve(dir);
    if (d.equals(root)) {
      return this;
    }
    if (files.containsKey(d)) {
      throw new SnapshotFileNotFoundException(d, revision, "is a file, not a directory");
    }
    if (!isDirectoryAbsolute(d)) {
      throw new SnapshotFileNotFoundException(d, revision);
    }
    return new Snapshot(revision, d, files);
  }

  private boolean isDirectoryAbsolute(String d) {
    if (d.isEmpty()) {
      return true;
    }
    String next = files.ceilingKey(d + "/");
    return next != null && next.startsWith(d + "/");
  }

  private String resolve(String path) {
    requireNonNull(path, "path");
    if (root.isEmpty()) {
      return normalize(path, path);
    }
    try {
      return normalize(root + "/" + path, path);
    } catch (PathEscapeException e) {
      throw new PathEscapeException(path, e.getMessage().replace(
          "'" + path + "'", "'" + path + "' from '" + root + "'"));
    }
  }

  private String relativize(String repoPath) {
    if (root.isEmpty()) {
      return repoPath;
    }
    return repoPath.substring(root.length() + 1);
  }

  /**
   * Normalizes a repository-relative path: folds {@code .} and {@code ..}, drops empty segments.
   *
   * @throws PathEscapeException for an absolute path or one that climbs above the repository
   */
  public static String normalize(String path) {
    return normalize(path, path);
  }

  private static String normalize(String path, String asGiven) {
    requireNonNull(path, "path");
    if (asGiven.startsWith("/") || windowsAbsolute(asGiven)) {
      throw new PathEscapeException(asGiven, "absolute path '" + asGiven + "' is not allowed");
    }
    if (path.indexOf('\0') >= 0) {
      throw new PathEscapeException(asGiven, "path '" + asGiven + "' contains a NUL character");
    }
    if (isNormal(path)) {
      return path; // most are: every file of a render is resolved
    }
    List<String> out = new ArrayList<>();
    for (String seg : path.replace('\\', '/').split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (out.isEmpty()) {
          throw new PathEscapeException(
              asGiven, "path '" + asGiven + "' leaves the repository");
        }
        out.remove(out.size() - 1);
      } else {
        out.add(seg);
      }
    }
    return String.join("/", out);
  }

  /** {@code C:/...} or {@code C:\\...}. */
  private static boolean windowsAbsolute(String path) {
    if (path.length() < 3 || path.charAt(1) != ':' || path.charAt(2) != '/' && path.charAt(2) != '\\') {
      return false;
    }
    char drive = path.charAt(0);
    return drive >= 'A' && drive <= 'Z' || drive >= 'a' && drive <= 'z';
  }

  /** Whether normalizing would leave the path as it is: no empty, {@code .} or {@code ..} segment, no backslash. */
  private static boolean isNormal(String path) {
    int n = path.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? path.charAt(i) : '/';
      if (c == '\\') {
        return false;
      }
      if (c == '/') {
        int length = i - start;
        if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** Equal when revision, root and file names are equal (contents are fixed by the revision). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot other
        && revision.equals(other.revision)
        && root.equals(other.root)
        && files.keySet().equals(other.files.keySet());
  }

  @Override
  public int hashCode() {
    return revision.hashCode() * 31 + root.hashCode();
  }

  @Override
  public String toString() {
    return "Snapshot[" + revision + (root.isEmpty() ? "" : " " + root) + "]";
  }
}
