package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatLibraryTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final Manifest OBJECT = TestObjects.one("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: apps}
      spec: {replicas: 3}
      """);

  private static List<Verdict> run(String expression) {
    return RulePolicy.of(RuleSet.of("t", CEL.compile(CelRule.of("t", expression, "false"))))
        .evaluate(OBJECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "'%s has %d replicas'.format([object.metadata.name, object.spec.replicas]) == 'web has 3 replicas'",
      "'%f|%.2f|%.0f'.format([1.5, 3.14159, 2.5]) == '1.500000|3.14|2'",
      "'%e'.format([1234.5678]) == '1.234568e+03' && '%.1e'.format([5]) == '5.0e+00'",
      "'%e|%.2e|%e'.format([0.0, 0.000123, -9.99999999]) == '0.000000e+00|1.23e-04|-1.000000e+01'",
      "'%.1f'.format([0.25]) == '0.2' && '%.1f'.format([0.35]) == '0.3' && '%.2f'.format([-1]) == '-1.00'",
      "'%x %X %x'.format([255, 255, 'Hi']) == 'ff FF 4869'",
      "'%o %b'.format([8, 5]) == '10 101'",
      "'100%%'.format([]) == '100%' && 'plain'.format([]) == 'plain'",
      "'%s %s %s %s'.format([true, null, 2.5, [1, 'a']]) == 'true null 2.5 [1, a]'",
      "'%s'.format([{'k': 1}]) == '{k: 1}'",
      "'%f'.format([double('NaN')]) == 'NaN'",
  })
  void evaluatesToTrue(String expression) {
    assertThat(run(expression)).as(expression).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "'%s %s'.format(['a']) == ''",
      "'%s'.format(['a', 'b']) == ''",
      "'%d'.format(['a']) == ''",
      "'%q'.format([1]) == ''",
      "'%'.format([]) == ''",
  })
  void misuseIsAnError(String expression) {
    assertThat(run(expression)).singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("rule could not be evaluated"));
  }
}
