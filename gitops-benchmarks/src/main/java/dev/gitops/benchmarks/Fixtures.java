package dev.gitops.benchmarks;

import dev.gitops.source.InMemoryGitRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** Deterministic repository content and clean-up shared by the benchmarks. */
final class Fixtures {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Fixtures() {}

  /**
   * The path of file {@code i} of a repository laid out as 10 namespaces of 50 applications with
   * 20 manifests each, so that {@code 10_000} files fill it exactly and a change touches one
   * small directory among hundreds rather than one huge flat tree.
   */
  static String path(int i) {
    return String.format("ns-%02d/app-%02d/manifest-%02d.yaml", i / 1000, i / 20 % 50, i % 20);
  }

  /**
   * A YAML manifest of 200 to 500 bytes whose values are pseudo-random (so packs do not compress
   * them away), the same for the same file and version.
   */
  static String manifest(int file, int version) {
    Random random = new Random(file * 1_000_003L + version);
    StringBuilder s = new StringBuilder(512)
        .append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-").append(file)
        .append("\n  labels:\n    version: \"").append(version).append("\"\ndata:\n");
    int target = 200 + random.nextInt(301);
    // Random lines of at most 57 bytes while that leaves room, then one line to hit the target.
    for (int key = 0; target - s.length() > 70; key++) {
      s.append("  key").append(key).append(": ");
      appendRandom(s, random, 8 + random.nextInt(40)).append('\n');
    }
    s.append("  end: ");
    appendRandom(s, random, target - s.length() - 1).append('\n');
    return s.toString();
  }

  private static StringBuilder appendRandom(StringBuilder s, Random random, int length) {
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s;
  }

  /** Commits {@code count} manifests to {@code main} in one commit; returns the commit id. */
  static String commitFiles(InMemoryGitRepository repo, int count) {
    InMemoryGitRepository.CommitCommand commit = repo.commit().branch("main")
        .message(count + " manifests");
    for (int i = 0; i < count; i++) {
      commit.add(path(i), manifest(i, 0));
    }
    return commit.call();
  }

  static Path tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
