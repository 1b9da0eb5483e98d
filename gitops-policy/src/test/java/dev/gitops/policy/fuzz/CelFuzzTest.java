package dev.gitops.policy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CEL fuzz target: its seeds in the fast build, a bounded campaign in the heavy suite. */
class CelFuzzTest {
  static final Path SEEDS = Path.of("src/test/resources/fuzz/CelFuzz");

  static Stream<Path> seeds() throws IOException {
    return Files.list(SEEDS).sorted().toList().stream();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void seedEndsInVerdictsOrATypedCompileError(Path seed) throws IOException {
    CelFuzz.fuzzerTestOneInput(Files.readAllBytes(seed));
    assertThat(seed).exists();
  }

  @Test
  @Tag("heavy")
  void campaignRunsWithoutFindings() throws IOException, InterruptedException {
    Duration time = Duration.ofSeconds(Long.getLong("fuzz.seconds", 45));
    FuzzCampaign.Result r = FuzzCampaign.run(CelFuzz.class, SEEDS,
        Files.createDirectories(Path.of("target", "fuzz", "CelFuzz")), time);
    Files.writeString(Path.of("target", "fuzz-report.txt"), r.target() + " " + r.executions()
        + " executions in " + time.toSeconds() + " s, findings: " + r.findings() + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertThat(r.clean()).as("finding in %s: %s%n%s", r.target(), r.findings(), r.logTail()).isTrue();
    assertThat(r.executions()).isPositive();
  }
}
