package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar ({@code java -jar gitops-cli-VERSION-all.jar}) as a separate process: the
 * shading (main class, service files, logging binding) works, and exit codes and streams reach the
 * shell. Bound after {@code package} (the {@code jar-it} surefire execution).
 */
class CliJarIT {
  private static final Path JAR = Path.of(System.getProperty("gitops.cli.jar", "target/gitops-cli-all.jar"));

  /**
   * What the process printed.
   *
   * @param code exit code
   * @param out standard output
   * @param err standard error
   */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs the jar with these arguments as a separate process; two minutes at most. */
  static Run java(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("the shaded jar (run after package)").isRegularFile();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within two minutes").isTrue();
    return new Run(p.exitValue(), out.join(), err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void renderPrintsTheGoldenYamlAndNothingElse() throws Exception {
    Run r = java("render", resource("shop"));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty(); // no logging-binding warnings either
    assertThat(r.out()).isEqualTo(Files.readString(Path.of(resource("golden/render-shop.yaml"))));
  }

  @Test
  void verifyExitsOneWhenDenied() throws Exception {
    Run r = java("verify", resource("shop"), "--policy", "workload-hygiene", "-o", "json");

    assertThat(r.code()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).startsWith("{\n  \"allowed\": false,\n  \"objects\": 4,\n  \"denials\": 6,\n");
  }

  @Test
  void diffAgainstTheInMemoryClusterRunsFromTheJar() throws Exception {
    Run r = java("diff", resource("shop-v2"), "--live", resource("shop"));

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).contains("OUT_OF_SYNC apps/Deployment shop/web").contains("EXTRA       ConfigMap shop/web-config");
  }

  /**
   * A real sync needs a cluster, which this test does not have (the in-memory one lives only within
   * one process): the jar's sync reaches the kubeconfig's API server through fabric8 and reports
   * the refused connection as one line.
   */
  @Test
  void syncFromTheJarReachesTheKubeconfigsServer(@TempDir Path tmp) throws Exception {
    Run r = java("sync", resource("shop"), "--kubeconfig", deadKubeconfig(tmp).toString(), "--health-timeout", "0");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot sync application shop to cluster dead: ").hasLineCount(1);
  }

  /** A kubeconfig whose only context, {@code dead}, points at a port nothing listens on. */
  private static Path deadKubeconfig(Path tmp) throws IOException {
    return Files.writeString(tmp.resolve("kubeconfig"), """
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
  void resumeFromTheJarReachesTheKubeconfigsServer(@TempDir Path tmp) throws Exception {
    Run r = java("resume", resource("shop"), "--kubeconfig", deadKubeconfig(tmp).toString(), "-o", "yaml");

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot resume application shop in cluster dead: ").hasLineCount(1);
  }

  @Test
  void anErrorIsOneLineOnStderrAndExitCodeTwo() throws Exception {
    Run r = java("render", "/no/such/dir");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("error: '/no/such/dir' is neither a directory nor REPO_URL@REF[:PATH]\n");
  }
}
