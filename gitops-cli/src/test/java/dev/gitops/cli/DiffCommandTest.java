package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  @Test
  void againstAnEmptyClusterEveryObjectIsMissing() {
    Cli.Result r = run("diff", resource("shop"));

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).isEqualTo("""
        MISSING     Namespace shop  at namespace.yaml:1
        MISSING     ConfigMap shop/web-config  at config.yaml:1
        MISSING     Service shop/web  at web.yaml:28
        MISSING     apps/Deployment shop/web  at web.yaml:2
        4 objects: 0 in sync, 0 out of sync, 4 missing, 0 extra
        """);
  }

  @Test
  void theSameDirectoryLiveIsInSyncAndExitsZero() {
    Cli.Result r = run("diff", resource("shop"), "--live", resource("shop"));

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).endsWith("4 objects: 4 in sync, 0 out of sync, 0 missing, 0 extra\n");
  }

  @Test
  void fieldChangesWithReasonsAndProvenanceAndPrunedObjects() {
    Cli.Result r = run("diff", resource("shop-v2"), "--live", resource("shop"));

    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).contains("""
        OUT_OF_SYNC apps/Deployment shop/web  at web.yaml:2
            .spec.replicas: 2 -> 3 (DECLARED: declared value differs from the live one) at web.yaml:2
            .spec.template.spec.containers[name="web"].image: "nginx:latest" -> "nginx:1.27" (DECLARED: declared\
         value differs from the live one) at web.yaml:2
        """).contains("EXTRA       ConfigMap shop/web-config\n")
        .endsWith("4 objects: 2 in sync, 1 out of sync, 0 missing, 1 extra\n")
        .doesNotContain("+++");
  }

  @Test
  void unifiedAddsAYamlDiffOfEachDifference() {
    String out = run("diff", resource("shop-v2"), "--live", resource("shop"), "--unified").out();

    assertThat(out).contains("--- live/apps/Deployment shop/web\n+++ desired/apps/Deployment shop/web\n")
        .contains("\n-  replicas: 2\n+  replicas: 3\n")
        .contains("\n-        image: nginx:latest\n+        image: nginx:1.27\n")
        .contains("--- live/ConfigMap shop/web-config\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHoldsStatusAndFieldChanges() {
    Cli.Result r = run("diff", resource("shop-v2"), "--live", resource("shop"), "-o", "json");

    Map<String, Object> diff = r.json();
    assertThat(diff).containsEntry("cluster", "in-memory").containsEntry("namespace", "default")
        .containsEntry("inSync", false);
    assertThat((Map<String, Object>) diff.get("revision")).containsKeys("ref", "commit", "subject");
    List<Map<String, Object>> objects = (List<Map<String, Object>>) diff.get("objects");
    assertThat(objects).extracting(o -> o.get("status")).containsExactly("IN_SYNC", "IN_SYNC", "OUT_OF_SYNC", "EXTRA");
    Map<String, Object> web = objects.get(2);
    assertThat(web).doesNotContainKey("unified");
    List<Map<String, Object>> changes = (List<Map<String, Object>>) web.get("changes");
    assertThat(changes.get(0)).containsEntry("path", ".spec.replicas").containsEntry("pointer", "/spec/replicas")
        .containsEntry("live", 2).containsEntry("desired", 3).containsEntry("reason", "DECLARED")
        .containsEntry("source", Map.of("path", "web.yaml", "line", 2, "via", List.of()));
  }

  @Test
  void theNamespaceOptionPlacesObjectsThatDeclareNone() {
    Cli.Result r = run("diff", resource("overlay/prod"), "--root", resource("overlay"), "-n", "staging");

    // The ConfigMap declares namespace shop; nothing else to place: the option must not override it.
    assertThat(r.out()).contains("MISSING     ConfigMap shop/prod-web-config");
  }

  @Test
  void aMissingKubeconfigIsAnError() {
    Cli.Result r = run("diff", resource("shop"), "--kubeconfig", "/no/such/kubeconfig");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: kubeconfig /no/such/kubeconfig is not a file\n");
  }

  /** A kubeconfig whose API server is a closed local port: connections are refused at once. */
  private static Path deadCluster(Path dir) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters:
        - name: dead
          cluster:
            server: https://127.0.0.1:1
            insecure-skip-tls-verify: true
        contexts:
        - name: dead
          context:
            cluster: dead
            user: me
        current-context: dead
        users:
        - name: me
          user:
            token: not-a-secret
        """);
  }

  @Test
  void anUnreachableClusterIsOneErrorLineNamingIt(@TempDir Path tmp) throws IOException {
    Cli.Result r = run("diff", resource("shop"), "--kubeconfig", deadCluster(tmp).toString());

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot plan " + resource("shop") + " against cluster dead: ")
        .hasLineCount(1).doesNotContain("not-a-secret");
  }

  @Test
  void anUnknownContextIsNamed(@TempDir Path tmp) throws IOException {
    Path kubeconfig = deadCluster(tmp);
    Cli.Result r = run("plan", resource("shop"), "--kubeconfig", kubeconfig.toString(), "--context", "prod");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).isEqualTo("error: cannot open the cluster of kubeconfig " + kubeconfig + ", context prod: kubeconfig "
        + kubeconfig + " has no context prod\n");
  }

  @Test
  void liveCannotSeedARealCluster() {
    Cli.Result r = run("diff", resource("shop"), "--live", resource("shop"), "--context", "prod");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("--live seeds the in-memory cluster").contains("context prod");
  }
}
