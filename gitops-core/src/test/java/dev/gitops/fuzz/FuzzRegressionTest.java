package dev.gitops.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed seed and former finding of each fuzz target, replayed in the fast build: each
 * must render, diff or fail with a typed exception, never with another throwable.
 */
class FuzzRegressionTest {
  static final Path SEEDS = Path.of("src/test/resources/fuzz");

  static Stream<Arguments> inputs() throws IOException {
    List<Target> targets = List.of(
        new Target("YamlFuzz", YamlFuzz::fuzzerTestOneInput),
        new Target("KustomizeFuzz", KustomizeFuzz::fuzzerTestOneInput),
        new Target("PatchFuzz", PatchFuzz::fuzzerTestOneInput),
        new Target("SnapshotPathFuzz", SnapshotPathFuzz::fuzzerTestOneInput),
        new Target("DiffFuzz", DiffFuzz::fuzzerTestOneInput));
    Stream.Builder<Arguments> out = Stream.builder();
    for (Target t : targets) {
      try (Stream<Path> files = Files.list(SEEDS.resolve(t.name()))) {
        for (Path f : files.sorted().toList()) {
          out.add(Arguments.of(t.name() + "/" + f.getFileName(), t.run(), f));
        }
      }
    }
    return out.build();
  }

  record Target(String name, Consumer<byte[]> run) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void seedEndsInAResultOrATypedError(String name, Consumer<byte[]> target, Path input)
      throws IOException {
    byte[] data = Files.readAllBytes(input);
    target.accept(data); // any throwable other than GitOpsException fails the test
    assertThat(data).isNotNull();
  }
}
