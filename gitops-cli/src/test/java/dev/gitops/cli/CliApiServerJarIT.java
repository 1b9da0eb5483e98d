package dev.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar against a real kube-apiserver, as a user runs it: each command a separate
 * process reading a kubeconfig file, over a local Git repository. A first sync creates, a second
 * commit's sync changes and prunes, {@code diff} finds the cluster in sync, {@code history} lists
 * both syncs from the cluster, and {@code rollback} brings the first commit's objects back.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
class CliApiServerJarIT {
  private final KubeApiServer server;

  @TempDir
  Path tmp;

  CliApiServerJarIT(KubeApiServer server) {
    this.server = server;
  }

  @Test
  void syncDiffHistoryAndRollbackAgainstARealApiServer() throws Exception {
    Path kubeconfig = kubeconfig();
    Path work = tmp.resolve("repo");
    RevCommit first;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      write(work.resolve("apps/shop/namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cli-shop\n");
      write(work.resolve("apps/shop/settings.yaml"), configMap("settings", "mode: fast"));
      write(work.resolve("apps/shop/legacy.yaml"), configMap("legacy", "old: \"true\""));
      first = commit(git, "Add the shop");
    }
    String source = work.toUri() + "@main:apps/shop";
    String[] app = {"--name", "shop", "--kubeconfig", kubeconfig.toString()};

    CliJarIT.Run created = CliJarIT.java(concat(new String[] {"sync", source}, app));
    assertThat(created.code()).as(created.toString()).isZero();
    assertThat(created.out()).contains("CREATED    Namespace cli-shop", "CREATED    ConfigMap cli-shop/settings",
        "CREATED    ConfigMap cli-shop/legacy").contains("SUCCEEDED");

    try (Git git = Git.open(work.toFile())) {
      write(work.resolve("apps/shop/settings.yaml"), configMap("settings", "mode: safe"));
      Files.delete(work.resolve("apps/shop/legacy.yaml"));
      git.rm().addFilepattern("apps/shop/legacy.yaml").call();
      commit(git, "Safer settings, no legacy");
    }
    CliJarIT.Run changed = CliJarIT.java(concat(new String[] {"sync", source}, app));
    assertThat(changed.code()).as(changed.toString()).isZero();
    assertThat(changed.out()).contains("CONFIGURED ConfigMap cli-shop/settings", "DELETED    ConfigMap cli-shop/legacy");
    assertThat(data("settings")).containsEntry("mode", "safe");
    // Pruned in the foreground: without a garbage collector (no controller manager here) the
    // object keeps its foregroundDeletion finalizer; finish its deletion as the collector would.
    ConfigMap legacy = configMap("legacy");
    if (legacy != null) {
      assertThat(legacy.getMetadata().getDeletionTimestamp()).as("legacy is being deleted").isNotNull();
      server.client().configMaps().inNamespace("cli-shop").withName("legacy")
          .edit(cm -> {
            cm.getMetadata().setFinalizers(List.of());
            return cm;
          });
    }
    assertThat(configMap("legacy")).isNull();

    CliJarIT.Run diff = CliJarIT.java(concat(new String[] {"diff", source, "--name", "shop", "--kubeconfig", kubeconfig.toString()}));
    assertThat(diff.code()).as("in sync right after the sync, defaults and all: %s", diff).isZero();

    CliJarIT.Run history = CliJarIT.java("history", "--name", "shop", "--kubeconfig", kubeconfig.toString());
    assertThat(history.code()).as(history.toString()).isZero();
    assertThat(history.out().lines().filter(l -> l.startsWith("#")).toList()).hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("Safer settings")).anySatisfy(l -> assertThat(l).contains("Add the shop"));

    CliJarIT.Run rollback = CliJarIT.java(concat(new String[] {"rollback", "--to", "#1", source}, app));
    assertThat(rollback.code()).as(rollback.toString()).isZero();
    assertThat(rollback.out()).contains(first.getName().substring(0, 12));
    assertThat(data("settings")).containsEntry("mode", "fast");
    assertThat(data("legacy")).containsEntry("old", "true");
  }

  /** A kubeconfig file for the server's admin token, as a user would have one. */
  private Path kubeconfig() throws IOException {
    String ca = Base64.getEncoder().encodeToString(server.caCertificatePem().getBytes(StandardCharsets.UTF_8));
    Path file = tmp.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: SERVER
            certificate-authority-data: CA
        users:
        - name: admin
          user:
            token: TOKEN
        contexts:
        - name: test
          context: {cluster: test, user: admin}
        current-context: test
        """.replace("SERVER", server.url()).replace("CA", ca).replace("TOKEN", server.token()));
    return file;
  }

  private java.util.Map<String, String> data(String name) {
    ConfigMap cm = configMap(name);
    assertThat(cm).as("ConfigMap cli-shop/" + name).isNotNull();
    return cm.getData();
  }

  private ConfigMap configMap(String name) {
    return server.client().configMaps().inNamespace("cli-shop").withName(name).get();
  }

  private static String configMap(String name, String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: cli-shop\ndata:\n  " + data + "\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor("Test", "test@example.com")
        .setCommitter("Test", "test@example.com").call();
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
