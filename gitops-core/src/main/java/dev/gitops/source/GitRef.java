package dev.gitops.source;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which commit of a repository to take. Several selectors may be set; the most specific one wins:
 * commit, then tag, then semver range, then branch (the same precedence as Flux's
 * GitRepository). A branch set beside a commit still limits the fetch to that branch.
 *
 * @param branch branch name, or null; a full name ({@code refs/heads/main}) is kept as the short
 *     name ({@code main})
 * @param tag tag name, or null; a full name ({@code refs/tags/v1.2.0}) is kept as the short name
 * @param semver a semantic version range over tags, for example {@code >=1.2.0 <2.0.0}, or null
 * @param commit full or abbreviated (at least 7 hex digits) commit id, or null
 */
public record GitRef(@Nullable String branch, @Nullable String tag, @Nullable String semver,
    @Nullable String commit) {

  public GitRef {
    branch = blankToNull(branch);
    tag = blankToNull(tag);
    semver = blankToNull(semver);
    commit = blankToNull(commit);
    // Full ref names are what git and CI variables (GITHUB_REF) print; the short name is the same ref.
    branch = shortName("branch", branch, "refs/heads/");
    tag = shortName("tag", tag, "refs/tags/");
    checkRefName("branch", branch);
    checkRefName("tag", tag);
    if (branch == null && tag == null && semver == null && commit == null) {
      throw new IllegalArgumentException("a ref needs a branch, tag, semver range or commit");
    }
    if (commit != null && !commit.matches("[0-9a-fA-F]{7,40}")) {
      throw new IllegalArgumentException(
          "commit must be 7 to 40 hex digits, was '" + commit + "'");
    }
    if (semver != null) {
      VersionRange.parse(semver); // fail fast on a malformed range
    }
  }

  /** The tip of a branch, by name ({@code main}) or full ref name ({@code refs/heads/main}). */
  public static GitRef branch(String name) {
    return new GitRef(name, null, null, null);
  }

  /** A tag, by name ({@code v1.2.0}) or full ref name ({@code refs/tags/v1.2.0}). */
  public static GitRef tag(String name) {
    return new GitRef(null, name, null, null);
  }

  /** The highest tag whose name is a semantic version inside the range. */
  public static GitRef semver(String range) {
    return new GitRef(null, null, range, null);
  }

  public static GitRef commit(String id) {
    return new GitRef(null, null, null, id);
  }

  /** The same ref with a commit pinned, for example to re-fetch a revision seen before. */
  public GitRef withCommit(String id) {
    return new GitRef(branch, tag, semver, id);
  }

  /** Which selector decides, by precedence. */
  public Kind kind() {
    if (commit != null) {
      return Kind.COMMIT;
    }
    if (tag != null) {
      return Kind.TAG;
    }
    if (semver != null) {
      return Kind.SEMVER;
    }
    return Kind.BRANCH;
  }

  /** Selector kinds in precedence order. */
  public enum Kind {
    COMMIT,
    TAG,
    SEMVER,
    BRANCH
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (commit != null) {
      parts.add("commit " + commit);
    }
    if (tag != null) {
      parts.add("tag " + tag);
    }
    if (semver != null) {
      parts.add("semver '" + semver + "'");
    }
    if (branch != null) {
      parts.add("branch " + branch);
    }
    return String.join(", ", parts);
  }

  /**
   * Refuses names Git itself refuses ({@code git check-ref-format}): control characters, space,
   * {@code ~ ^ : ? * [ \\}, {@code ..}, {@code @{}, {@code //}, a leading {@code -} or {@code /},
   * a trailing {@code /}, {@code .} or {@code .lock}, a lone {@code @}. A name that only some
   * servers refuse would otherwise reach the transport.
   */
  private static void checkRefName(String what, @Nullable String name) {
    if (name == null) {
      return;
    }
    String problem = null;
    for (int i = 0; i < name.length() && problem == null; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        problem = "a control character (U+" + String.format("%04X", (int) c) + ") at " + i;
      } else if (" ~^:?*[\\".indexOf(c) >= 0) {
        problem = "'" + c + "' at " + i;
      }
    }
    if (problem == null) {
      if (name.contains("..") || name.contains("@{") || name.contains("//")) {
        problem = "'..', '@{' or '//'";
      } else if (name.startsWith("-") || name.startsWith("/") || name.endsWith("/")
          || name.endsWith(".") || name.endsWith(".lock") || name.equals("@")
          || name.contains("/.") || name.startsWith(".")) {
        problem = "a leading '-', '/' or '.', a trailing '/', '.' or '.lock', or a lone '@'";
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(what + " '" + printable(name) + "' is not a valid Git ref"
          + " name: it contains " + problem);
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The short name of a branch or tag given either way; a full name of another kind of ref (a tag
   * given as a branch, {@code refs/remotes/...}) is refused with the call to make instead.
   */
  private static @Nullable String shortName(String what, @Nullable String name, String prefix) {
    if (name == null || !name.startsWith("refs/")) {
      return name;
    }
    if (name.startsWith(prefix) && name.length() > prefix.length()) {
      return name.substring(prefix.length());
    }
    String hint = name.startsWith("refs/tags/") && name.length() > 10
        ? "; for a tag use GitRef.tag(\"" + name.substring(10) + "\")"
        : name.startsWith("refs/heads/") && name.length() > 11
        ? "; for a branch use GitRef.branch(\"" + name.substring(11) + "\")" : "";
    throw new IllegalArgumentException(what + " '" + name + "' is not a " + what + " name: pass the name"
        + " alone or as " + prefix + "<name>" + hint);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
