package consumer;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.Differ;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import dev.gitops.render.RenderResult;
import dev.gitops.render.Renderers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What every consumer build runs with gitops-core: render a directory, apply into the in-memory
 * cluster, diff. The manifests include a mapping key followed by a tab ({@code metadata:\t}),
 * which only the snakeyaml-engine version the SDK is tested with reads.
 */
public final class CoreFlow {
  private CoreFlow() {}

  /** Writes the example directory and renders it. */
  public static RenderResult render() throws IOException {
    Path dir = Files.createTempDirectory("gitops-consumer");
    Files.writeString(dir.resolve("namespace.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata:\t
          name: shop
        """);
    Files.writeString(dir.resolve("config.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop
        data:
          GREETING: hello
        """);
    Snapshot snapshot = Snapshot.ofDirectory(dir);
    RenderResult result = Renderers.forDirectory(snapshot).render(snapshot);
    check(result.objects().size() == 2, "rendered 2 objects, got " + result.objects().size());
    System.out.println("render: " + result.objects().size() + " objects");
    return result;
  }

  /** Applies the objects into a new in-memory cluster and diffs each against what it holds. */
  public static void applyAndDiff(List<Manifest> objects) {
    InMemoryCluster cluster = InMemoryCluster.create();
    List<Manifest> ordered = new ArrayList<>(objects); // namespaces first, as the engine orders them
    ordered.sort(Comparator.comparing(o -> !"Namespace".equals(o.key().kind())));
    for (Manifest object : ordered) {
      cluster.apply(object, ApplyOptions.defaults());
    }
    System.out.println("apply: " + objects.size() + " objects into the in-memory cluster");
    Differ differ = Differ.of(cluster.schema(), DiffOptions.defaults());
    for (Manifest object : objects) {
      ResourceDiff diff = differ.diff(object, cluster.get(object.key()));
      check(diff.isInSync(), "in sync after apply: " + object.key() + "\n" + diff.unifiedDiff());
    }
    System.out.println("diff: all in sync");
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("consumer check failed: " + what);
    }
  }
}
