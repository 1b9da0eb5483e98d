package dev.gitops.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's set-up validates its fixture; run it once per rule mix outside JMH. */
class PolicyBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"builtin", "mixed"})
  void fixtureExercisesTheRules(String rules) {
    PolicyBenchmark bench = new PolicyBenchmark();
    bench.rules = rules;
    bench.setUp();

    assertThat(bench.evaluate()).isPositive();
  }
}
