package dev.gitops.benchmarks;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import dev.gitops.render.PlainRenderer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deterministic Deployments of 2 to 8 KB and their live counterparts, for the diff benchmarks. */
final class DiffFixtures {
  private DiffFixtures() {}

  /**
   * Deployment {@code i} as YAML: one to four containers with ports, resources, probes and as many
   * environment variables as it takes to reach a size between 2 and 8 KB.
   */
  static String deployment(int i) {
    Random random = new Random(i * 7_919L);
    int target = 2048 + random.nextInt(6 * 1024);
    int containers = 1 + random.nextInt(4);
    StringBuilder s = new StringBuilder(target + 512)
        .append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-").append(i)
        .append("\n  namespace: default\n  labels:\n    app: app-").append(i)
        .append("\n    team: team-").append(i % 17).append("\n  annotations:\n    owner: \"")
        .append(random.nextInt(1000)).append("\"\nspec:\n  replicas: ").append(1 + random.nextInt(5))
        .append("\n  selector:\n    matchLabels:\n      app: app-").append(i)
        .append("\n  template:\n    metadata:\n      labels:\n        app: app-").append(i)
        .append("\n    spec:\n      containers:\n");
    int perContainer = (target - s.length()) / containers;
    for (int c = 0; c < containers; c++) {
      int start = s.length();
      s.append("      - name: c").append(c).append("\n        image: registry.example.com/app-").append(i)
          .append(":1.").append(random.nextInt(50)).append("\n        ports:\n        - containerPort: ")
          .append(8080 + c).append("\n          name: http-").append(c)
          .append("\n        resources:\n          limits:\n            cpu: \"").append(1 + random.nextInt(4))
          .append("\"\n            memory: ").append(256 * (1 + random.nextInt(8))).append("Mi")
          .append("\n          requests:\n            cpu: ").append(100 * (1 + random.nextInt(9))).append("m")
          .append("\n            memory: 128Mi\n        readinessProbe:\n          httpGet:\n            path: /ready")
          .append("\n            port: ").append(8080 + c).append("\n        env:\n");
      for (int e = 0; e == 0 || s.length() - start < perContainer - 60; e++) {
        s.append("        - name: VAR_").append(e).append("\n          value: \"");
        for (int k = 0, n = 8 + random.nextInt(40); k < n; k++) {
          s.append((char) ('a' + random.nextInt(26)));
        }
        s.append("\"\n");
      }
    }
    return s.toString();
  }

  /** A snapshot of {@code count} Deployment files. */
  static Snapshot snapshot(int count) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      files.put(String.format("apps/app-%05d.yaml", i), deployment(i).getBytes(StandardCharsets.UTF_8));
    }
    Revision revision = new Revision("refs/heads/main", "0".repeat(40), "bench <bench@example.com>",
        Instant.EPOCH, "bench", Verification.notChecked());
    return Snapshot.of(revision, files);
  }

  /** The desired objects of a snapshot, rendered. */
  static List<Manifest> render(Snapshot snapshot) {
    return PlainRenderer.strict().render(snapshot).objects();
  }

  /** Applies each manifest to the cluster and returns the live objects, in the same order. */
  static List<LiveObject> applyAll(InMemoryCluster cluster, List<Manifest> manifests) {
    List<LiveObject> out = new ArrayList<>(manifests.size());
    for (Manifest m : manifests) {
      out.add(cluster.apply(m, ApplyOptions.defaults()));
    }
    return out;
  }
}
