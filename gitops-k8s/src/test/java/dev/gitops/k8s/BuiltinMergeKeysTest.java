package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundled strategic-merge facts of built-in kinds ({@code builtin-merge-keys.json} of
 * gitops-core, which {@code StrategicMergePatch} merges lists by) are what a real kube-apiserver
 * of the pinned version publishes. With {@code -Dgitops.regenerate=true} it rewrites the file
 * instead of comparing.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class BuiltinMergeKeysTest {
  private static final Path FILE =
      Path.of("../gitops-core/src/main/resources/dev/gitops/render/builtin-merge-keys.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KubeApiServer server;

  BuiltinMergeKeysTest(KubeApiServer server) {
    this.server = server;
  }

  @Test
  void bundledMergeKeysAreWhatTheServerPublishes() throws IOException {
    String generated;
    try (KubernetesClient client = server.client()) {
      MergeKeyTable table = MergeKeyTable.of(JSON.readTree(client.raw("/openapi/v2")), servedKinds(client));
      assertThat(table.conflicts()).as("versions of a kind disagree").isEmpty();
      generated = table.render(KubeApiServer.KUBERNETES_VERSION);
    }
    if (Boolean.getBoolean("gitops.regenerate")) {
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
      return;
    }
    String bundled = Files.readString(FILE, StandardCharsets.UTF_8);
    List<String> missing = lines(generated);
    missing.removeAll(lines(bundled));
    List<String> extra = lines(bundled);
    extra.removeAll(lines(generated));
    assertThat(bundled)
        .as("%s is stale (re-run with -Dgitops.regenerate=true);%n only the server has:%n%s%n only the file has:%n%s",
            FILE, String.join("\n", missing), String.join("\n", extra))
        .isEqualTo(generated);
  }

  /** group/version/Kind of every resource the server serves (subresources aside). */
  private static Set<String> servedKinds(KubernetesClient client) {
    Set<String> kinds = new TreeSet<>();
    addResources(client, "/api/v1", "", "v1", kinds);
    for (JsonNode group : JSON.readTree(client.raw("/apis")).path("groups")) {
      for (JsonNode version : group.path("versions")) {
        addResources(client, "/apis/" + version.get("groupVersion").asString(), group.get("name").asString(),
            version.get("version").asString(), kinds);
      }
    }
    return kinds;
  }

  private static void addResources(KubernetesClient client, String url, String group, String version,
      Set<String> kinds) {
    for (JsonNode resource : JSON.readTree(client.raw(url)).path("resources")) {
      if (!resource.get("name").asString().contains("/")) {
        kinds.add(group + "/" + version + "/" + resource.get("kind").asString());
      }
    }
  }

  private static List<String> lines(String text) {
    return new ArrayList<>(new LinkedHashSet<>(text.lines().map(String::strip).toList()));
  }
}
