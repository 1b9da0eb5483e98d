package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each corpus case rendered by {@link KustomizeRenderer} against the output the reference
 * kustomize recorded for it: the same set of objects, and the same order.
 */
class KustomizeCorpusTest {

  static Stream<String> cases() {
    return KustomizeCorpus.cases().stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesReferenceKustomize(String name) {
    String known = KustomizeCorpus.knownDifference(name);
    Assumptions.assumeTrue(known == null, () -> "known difference: " + known);
    String error = KustomizeCorpus.expectedError(name);
    if (error != null) {
      assertThatThrownBy(() -> KustomizeCorpus.ours(name)).hasMessageContaining(error);
      return;
    }
    Map<String, Map<String, Object>> expected =
        KustomizeCorpus.byId(KustomizeCorpus.parseYaml(KustomizeCorpus.expectedYaml(name)));
    Map<String, Map<String, Object>> ours = KustomizeCorpus.byId(KustomizeCorpus.ours(name));
    assertThat(ours).as("objects of %s", name).containsExactlyInAnyOrderEntriesOf(expected);
    List<String> order = new ArrayList<>(ours.keySet());
    assertThat(order).as("order of %s", name).containsExactlyElementsOf(expected.keySet());
  }
}
