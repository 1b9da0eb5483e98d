package dev.gitops.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coverage-guided fuzzing of each target for {@code fuzz.seconds} (45 by default) in the heavy
 * suite, from the committed seeds. A finding fails the test with the fuzzer's log; executions are
 * appended to {@code target/fuzz-report.txt}.
 */
@Tag("heavy")
class FuzzCampaignTest {

  @ParameterizedTest
  @ValueSource(classes = {YamlFuzz.class, KustomizeFuzz.class, PatchFuzz.class,
      SnapshotPathFuzz.class, DiffFuzz.class})
  void targetRunsWithoutFindings(Class<?> target) throws IOException, InterruptedException {
    Duration time = Duration.ofSeconds(Long.getLong("fuzz.seconds", 45));
    Path work = Files.createDirectories(Path.of("target", "fuzz", target.getSimpleName()));

    FuzzCampaign.Result r = FuzzCampaign.run(target,
        FuzzRegressionTest.SEEDS.resolve(target.getSimpleName()).toAbsolutePath(), work, time);

    Files.writeString(Path.of("target", "fuzz-report.txt"), r.target() + " " + r.executions()
        + " executions in " + time.toSeconds() + " s, findings: " + r.findings() + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertThat(r.clean()).as("finding in %s: %s%n%s", r.target(), r.findings(), r.logTail()).isTrue();
    assertThat(r.executions()).as("executions of %s", r.target()).isPositive();
  }
}
