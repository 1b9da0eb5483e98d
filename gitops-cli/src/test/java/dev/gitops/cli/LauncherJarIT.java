package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code src/main/dist/gitops}) installed beside the packaged jar, run by
 * {@code sh} as a user would: the first run writes the class cache the running JDK supports, later
 * runs use it, and neither prints anything but the command's output. Bound after {@code package}.
 */
class LauncherJarIT {
  private static final Path JAR = Path.of(System.getProperty("gitops.cli.jar", "target/gitops-cli-all.jar"));
  private static final Path SCRIPT = Path.of("src/main/dist/gitops");
  /** A second JDK to run the launcher with, when the machine has one (JDK 25: the AOT cache). */
  private static final Path JDK25 = Path.of(System.getenv().getOrDefault("GITOPS_TEST_JDK25",
      "/usr/lib/jvm/temurin-25-jdk-amd64"));

  @Test
  void onTheBuildsJdkTheFirstRunWritesAnArchiveAndEveryRunPrintsOnlyTheOutput(@TempDir Path tmp) throws Exception {
    Path home = Path.of(System.getProperty("java.home"));
    Path script = install(tmp);

    for (int run = 1; run <= 2; run++) {
      CliJarIT.Run r = launch(script, home, "render", resource("shop"));

      assertThat(r.code()).as("run %d: %s", run, r).isZero();
      assertThat(r.err()).as("run %d", run).isEmpty();
      assertThat(r.out()).as("run %d", run).isEqualTo(Files.readString(Path.of(resource("golden/render-shop.yaml"))));
      assertThat(caches(tmp)).as("after run %d", run).hasSize(1);
    }
  }

  @Test
  void onJdk25TheFirstRunWritesAnAotCacheNamedForTheJdkVersion(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no JDK 25 at " + JDK25);
    Path script = install(tmp);

    for (int run = 1; run <= 2; run++) {
      CliJarIT.Run r = launch(script, JDK25, "render", resource("shop"));

      assertThat(r.code()).as("run %d: %s", run, r).isZero();
      assertThat(r.err()).as("run %d", run).isEmpty();
      assertThat(r.out()).as("run %d", run).isEqualTo(Files.readString(Path.of(resource("golden/render-shop.yaml"))));
    }
    assertThat(caches(tmp)).singleElement().asString().matches(".*-all\\.jdk25[0-9.]*\\.aot");
  }

  @Test
  void aCacheThatIsNotOneIsIgnoredNeverAnError(@TempDir Path tmp) throws Exception {
    Path script = install(tmp);
    String base = JAR.getFileName().toString().replaceAll("\\.jar$", "");
    // Newer than the jar: the launcher takes them for its caches (JDK 17's, JDK 25's).
    Files.writeString(tmp.resolve(base + ".jsa"), "not an archive");
    Files.writeString(tmp.resolve(base + ".jdk" + javaVersion(JDK25) + ".aot"), "not an archive");

    CliJarIT.Run r17 = launch(script, Path.of(System.getProperty("java.home")), "--version");
    assertThat(r17.code()).as(r17.toString()).isZero();
    assertThat(r17.err()).isEmpty();
    if (Files.isExecutable(JDK25.resolve("bin/java"))) {
      CliJarIT.Run r25 = launch(script, JDK25, "--version");
      assertThat(r25.code()).as(r25.toString()).isZero();
      assertThat(r25.err()).isEmpty();
      assertThat(r25.out()).startsWith("gitops ");
    }
  }

  /** The script and a copy of the jar in a directory of their own, as an installation would be. */
  private static Path install(Path dir) throws IOException {
    assertThat(JAR).as("the shaded jar (run after package)").isRegularFile();
    Files.copy(JAR, dir.resolve(JAR.getFileName()));
    return Files.copy(SCRIPT, dir.resolve("gitops"));
  }

  private static List<String> caches(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsa") || n.endsWith(".aot"))
          .sorted().toList();
    }
  }

  private static String javaVersion(Path home) throws IOException {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return "unknown";
    }
    return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
        .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).findFirst().orElse("unknown");
  }

  private static CliJarIT.Run launch(Path script, Path javaHome, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().remove("GITOPS_JAR");
    pb.environment().remove("GITOPS_CDS");
    pb.environment().remove("GITOPS_JAVA_OPTS");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished within three minutes").isTrue();
    return new CliJarIT.Run(p.exitValue(), out.join(), err.join());
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
