package dev.gitops.benchmarks;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import dev.gitops.render.KustomizeRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Renders the kustomization in a directory once and prints the object count: the whole-process
 * side of {@link KustomizeBenchmark}. The directory's parent is the snapshot root, so the
 * overlay's {@code ../base} resolves.
 */
public final class KustomizeBuildMain {
  private KustomizeBuildMain() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]).toAbsolutePath();
    Path root = dir.getParent();
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    Revision revision = new Revision("refs/heads/main", "0".repeat(40), "cli <c@example.invalid>",
        Instant.EPOCH, "render", Verification.notChecked());
    Snapshot snapshot = Snapshot.of(revision, files).scope(root.relativize(dir).toString());
    System.out.println(KustomizeRenderer.create().render(snapshot).objects().size());
  }
}
