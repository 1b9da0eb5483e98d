package dev.gitops.render;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Snapshots of charts for Helm tests: from strings or from the helm-corpus test resources. */
final class HelmTestCharts {
  static final Revision REVISION = new Revision("refs/heads/main", "0".repeat(40), "Test <t@example.com>",
      Instant.EPOCH, "charts", Verification.notChecked());
  static final Path CORPUS = Path.of("src/test/resources/helm-corpus");

  private HelmTestCharts() {}

  /** A snapshot of the given files (path, content, path, content, ...). */
  static Snapshot of(String... pathsAndContents) {
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return Snapshot.of(REVISION, files);
  }

  /** A snapshot of a directory, rooted at the repository root. */
  static Snapshot ofDirectory(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Snapshot.of(REVISION, files);
  }
}
