package dev.gitops.cli;

import static java.util.Objects.requireNonNull;

import dev.gitops.source.GitRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the manifests are, as given on the command line: a local directory, or
 * {@code REPO_URL@REF[:PATH]} for a directory of a Git repository at a ref.
 */
sealed interface Location {
  /** A URL with a scheme ({@code https://}, {@code ssh://}, {@code file://}, ...). */
  Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.+");
  /** scp-style {@code user@host:path}. */
  Pattern SCP = Pattern.compile("[^/@:\\s]+@[^/@:\\s]+:.+");
  Pattern FULL_COMMIT = Pattern.compile("[0-9a-fA-F]{40}");

  /**
   * A directory on disk, read with its uncommitted files.
   *
   * @param directory the directory to render
   */
  record Local(Path directory) implements Location {
    public Local {
      requireNonNull(directory, "directory");
    }
  }

  /**
   * A directory of a Git repository at a ref.
   *
   * @param url the repository, as JGit takes it (URL, scp-style, or a local repository's path)
   * @param ref the branch, tag or commit
   * @param path the directory in the repository; empty for its root
   */
  record Git(String url, GitRef ref, String path) implements Location {
    public Git {
      requireNonNull(url, "url");
      requireNonNull(ref, "ref");
      requireNonNull(path, "path");
    }
  }

  /**
   * Reads the command line's argument: an existing directory is local; otherwise the text after
   * the last {@code @} is {@code REF[:PATH]} (a Git ref cannot hold {@code :}). REF is a branch
   * name, {@code refs/heads/NAME}, {@code refs/tags/NAME}, or a full 40-digit commit id.
   *
   * @throws CliException naming the argument when it is neither
   */
  static Location parse(String text) {
    requireNonNull(text, "text");
    if (isDirectory(text)) {
      return new Local(Path.of(text));
    }
    int at = text.lastIndexOf('@');
    String url = at < 0 ? text : text.substring(0, at);
    if (at < 0 || !looksLikeRepository(url)) {
      throw new CliException("'" + text + "' is neither a directory nor REPO_URL@REF[:PATH]"
          + (looksLikeRepository(text) ? " (a repository needs @REF, for example " + text + "@main)" : ""));
    }
    String rest = text.substring(at + 1);
    int colon = rest.indexOf(':');
    String refText = colon < 0 ? rest : rest.substring(0, colon);
    String path = colon < 0 ? "" : rest.substring(colon + 1).replaceAll("^/+|/+$", "");
    if (refText.isEmpty()) {
      throw new CliException("'" + text + "': the ref after '@' is empty (for example " + url + "@main)");
    }
    try {
      return new Git(url, ref(refText), path);
    } catch (IllegalArgumentException e) {
      throw new CliException("'" + text + "': invalid ref '" + refText + "'", e);
    }
  }

  private static GitRef ref(String text) {
    if (text.startsWith("refs/heads/")) {
      return GitRef.branch(text.substring("refs/heads/".length()));
    }
    if (text.startsWith("refs/tags/")) {
      return GitRef.tag(text.substring("refs/tags/".length()));
    }
    if (FULL_COMMIT.matcher(text).matches()) {
      return GitRef.commit(text.toLowerCase(java.util.Locale.ROOT));
    }
    return GitRef.branch(text);
  }

  private static boolean looksLikeRepository(String url) {
    return URL.matcher(url).matches() || SCP.matcher(url).matches() || isDirectory(url);
  }

  private static boolean isDirectory(String text) {
    try {
      return !text.isEmpty() && Files.isDirectory(Path.of(text));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
