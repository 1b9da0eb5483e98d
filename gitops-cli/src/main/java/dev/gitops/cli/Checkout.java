package dev.gitops.cli;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Snapshot;
import dev.gitops.source.Credentials;
import dev.gitops.source.GitCache;
import dev.gitops.source.GitRef;
import dev.gitops.source.JGitSource;
import dev.gitops.source.Source;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The source a command reads, opened from a {@link Location}: a {@link Source}, the ref to take
 * and the directory in it, as the engine's {@code Application} wants them. Closing it deletes the
 * temporary clone, if one was made.
 */
final class Checkout implements AutoCloseable {
  /** Environment variable holding an HTTPS access token for remote repositories. */
  static final String TOKEN_VARIABLE = "GITOPS_GIT_TOKEN";

  private final Source source;
  private final GitRef ref;
  private final String path;
  private final String name;
  private final Path temporary;

  private Checkout(Source source, GitRef ref, String path, String name, Path temporary) {
    this.source = source;
    this.ref = ref;
    this.path = path;
    this.name = name;
    this.temporary = temporary;
  }

  /**
   * Opens a location.
   *
   * @param location the directory or repository
   * @param root for a local directory, the directory {@code ..} may reach (a repository root for
   *     overlays of a base beside them); null for the directory itself
   * @param cacheDir where remote repositories are cloned and kept; null for a temporary clone
   */
  static Checkout open(Location location, Path root, Path cacheDir) {
    requireNonNull(location, "location");
    if (location instanceof Location.Local local) {
      return local(local.directory(), root);
    }
    Location.Git git = (Location.Git) location;
    if (root != null) {
      throw new CliException("--root applies to a local directory, not to " + git.url());
    }
    Path temporary = null;
    Path dir = cacheDir;
    if (dir == null) {
      try {
        dir = temporary = Files.createTempDirectory("gitops-cli");
      } catch (IOException e) {
        throw new CliException("cannot create a temporary directory for the clone of " + git.url(), e);
      }
    }
    String token = System.getenv(TOKEN_VARIABLE);
    JGitSource source = JGitSource.builder()
        .url(git.url())
        .credentials(token == null || token.isEmpty() ? Credentials.none() : Credentials.token(token))
        .cache(GitCache.builder().directory(dir).checkInterval(Duration.ZERO).build())
        .build();
    String last = git.path().isEmpty() ? git.url().replaceAll("(\\.git)?/*$", "") : git.path();
    return new Checkout(source, git.ref(), git.path(), last.substring(last.lastIndexOf('/') + 1), temporary);
  }

  /** A local directory; {@code root} as for {@link #open}. */
  static Checkout local(Path directory, Path root) {
    Path dir = real(directory, "directory");
    Path top = root == null ? dir : real(root, "--root");
    if (!dir.startsWith(top)) {
      throw new CliException("directory " + directory + " is not inside --root " + root);
    }
    DirectorySource source = new DirectorySource(top);
    String rel = top.relativize(dir).toString().replace(File.separatorChar, '/');
    Path file = dir.getFileName();
    return new Checkout(source, GitRef.commit(source.revision().commitId()), rel,
        file == null ? "" : file.toString(), null);
  }

  private static Path real(Path p, String what) {
    if (!Files.isDirectory(p)) {
      throw new CliException(what + " " + p + " is not a directory");
    }
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new CliException("cannot read " + what + " " + p, e);
    }
  }

  Source source() {
    return source;
  }

  GitRef ref() {
    return ref;
  }

  /** The directory in the source; empty for its root. */
  String path() {
    return path;
  }

  /** The last name of the directory or repository, for a default application name. */
  String name() {
    return name;
  }

  /** The last name made a DNS-1123 label, as the engine requires of application names: {@code My_App} is {@code my-app}. */
  String defaultAppName() {
    String label = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    label = label.length() > 63 ? label.substring(0, 63).replaceAll("-+$", "") : label;
    return label.isEmpty() ? "app" : label;
  }

  /** The files of the directory, fetched (remote) or read (local). */
  Snapshot snapshot() {
    return source.fetch(ref, path);
  }

  @Override
  public void close() {
    if (temporary == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(temporary)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: the command's result stands; a leftover temporary directory is the OS's to clean.
    }
  }
}
