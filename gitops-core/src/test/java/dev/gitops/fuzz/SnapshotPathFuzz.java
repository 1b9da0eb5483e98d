package dev.gitops.fuzz;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.Snapshot;
import dev.gitops.render.Renderers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Snapshot path handling: each input line is a repository path (the first one also a scope and a
 * path read through it); building, scoping, reading and rendering either work or fail typed.
 */
public final class SnapshotPathFuzz {
  private SnapshotPathFuzz() {}

  public static void fuzzerTestOneInput(byte[] data) {
    String[] lines = FuzzInput.text(data).split("\n", 16);
    Map<String, Object> files = new LinkedHashMap<>();
    for (String line : lines) {
      files.put(line, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    }
    try {
      Snapshot s = FuzzInput.snapshot(files.entrySet().stream()
          .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
      for (String f : s.files()) {
        s.read(f);
        s.repositoryPath(f);
      }
      Snapshot scoped = s.scope(lines[0]);
      if (lines.length > 1) {
        scoped.isFile(lines[1]);
        scoped.isDirectory(lines[1]);
        scoped.filesUnder(lines[1]);
        if (scoped.isFile(lines[1])) {
          scoped.read(lines[1]);
        }
      }
      Renderers.forDirectory(scoped).render(scoped);
    } catch (GitOpsException expected) {
      // a typed refusal is the contract
    }
  }
}
