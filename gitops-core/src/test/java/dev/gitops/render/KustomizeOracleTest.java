package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real kustomize (built by tools/kustomize-oracle.sh) on every corpus case and compares
 * its output with {@link KustomizeRenderer}'s: the same set of objects and the same order; for an
 * error case, both must fail. Heavy: needs Go and the module proxy the first time.
 */
@Tag("heavy")
class KustomizeOracleTest {
  private static String kustomize;
  private static String helm;

  @BeforeAll
  static void buildKustomize() throws Exception {
    Path script = Path.of(System.getProperty("user.dir")).resolveSibling("tools/kustomize-oracle.sh");
    Process p = new ProcessBuilder("bash", script.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("tools/kustomize-oracle.sh").isZero();
    kustomize = out;
    Process h = new ProcessBuilder("bash", script.resolveSibling("helm-oracle.sh").toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String helmOut = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(h.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(h.exitValue()).as("tools/helm-oracle.sh").isZero();
    helm = helmOut;
  }

  static Stream<String> cases() {
    return KustomizeCorpus.cases().stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void agreesWithKustomize(String name) throws Exception {
    String known = KustomizeCorpus.knownDifference(name);
    Assumptions.assumeTrue(known == null, () -> "known difference: " + known);
    Path dir = KustomizeCorpus.root().resolve(KustomizeCorpus.buildDir(name));
    List<String> command = new ArrayList<>(List.of(kustomize, "build"));
    if (java.nio.file.Files.exists(KustomizeCorpus.root().resolve(name).resolve(".enable-helm"))) {
      command.addAll(List.of("--enable-helm", "--helm-command", helm));
    }
    command.add(dir.toString());
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    if (KustomizeCorpus.expectedError(name) != null) {
      assertThat(p.exitValue()).as("kustomize must fail on %s", name).isNotZero();
      assertThatThrownBy(() -> KustomizeCorpus.ours(name))
          .hasMessageContaining(KustomizeCorpus.expectedError(name));
      return;
    }
    assertThat(p.exitValue()).as("kustomize build %s", name).isZero();
    Map<String, Map<String, Object>> theirs = KustomizeCorpus.byId(KustomizeCorpus.parseYaml(out));
    Map<String, Map<String, Object>> ours = KustomizeCorpus.byId(KustomizeCorpus.ours(name));
    assertThat(ours).as("objects of %s", name).containsExactlyInAnyOrderEntriesOf(theirs);
    assertThat(new ArrayList<>(ours.keySet())).as("order of %s", name)
        .containsExactlyElementsOf(List.copyOf(theirs.keySet()));
    assertThat(KustomizeCorpus.parseYaml(KustomizeCorpus.expectedYaml(name)))
        .as("recorded .expected.yaml of %s is current", name)
        .isEqualTo(KustomizeCorpus.parseYaml(out));
  }
}
