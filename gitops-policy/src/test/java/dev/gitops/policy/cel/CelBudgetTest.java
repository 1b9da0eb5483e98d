package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.policy.Action;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expressions that would exhaust memory or run for minutes end in a "rule could not be evaluated"
 * verdict from the cost budget, the regex size limit or the deadline, not in an OutOfMemoryError
 * or a hang.
 */
class CelBudgetTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static Manifest object;

  @BeforeAll
  static void hostileObject() {
    List<String> bigStrings = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      bigStrings.add("item-" + i + "-" + "z".repeat(90));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("s", "x".repeat(1_000_000));
    data.put("l", LongStream.range(0, 1_000).boxed().toList());
    data.put("small", LongStream.range(0, 9_000).boxed().toList());
    data.put("huge", LongStream.range(0, 1_000_000).boxed().toList());
    data.put("strings", bigStrings);
    data.put("p", "((a{1000}){1000}){1000}");
    object = Manifest.of(Map.of("apiVersion", "example.dev/v1", "kind", "Blob",
        "metadata", Map.of("name", "hostile", "namespace", "apps"), "data", data),
        SourceLocation.unknown());
  }

  private static List<Verdict> run(CelRuleCompiler cel, String expression) {
    return RulePolicy.of(RuleSet.of("t", cel.compile(CelRule.of("t", expression, "false"))))
        .evaluate(object);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "object.data.l.map(x, object.data.s + object.data.s).size() > 0",
      "'a'.matches('((a{1000}){1000}){1000}')",
      "'a'.matches(object.data.p)",
      "'a'.find(object.data.p) == ''",
      "'%s'.format([object.data.strings]) != ''",
      "object.data.small.all(x, x in object.data.huge)",
  })
  void hostileExpressionEndsInAVerdictFromTheBudget(String expression) {
    List<Verdict> verdicts = run(CEL, expression);

    assertThat(verdicts).singleElement().satisfies(v -> {
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).startsWith("rule could not be evaluated")
          .containsAnyOf("cost budget", "regular expression", "deadline");
    });
  }

  @Test
  void ordinaryRulesStayWellWithinTheBudget() {
    assertThat(run(CEL, "object.data.l.all(x, x >= 0) && object.data.small.exists(x, x == 8999)"
        + " && 'abc'.matches('^a(b|c){1,3}$') && object.data.s.size() == 1000000")).isEmpty();
  }

  @Test
  void aSmallerBudgetStopsEarlier() {
    CelRuleCompiler tight = CelRuleCompiler.builder().maxCost(500).build();
    assertThat(run(tight, "object.data.l.all(x, x >= 0)")).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("cost budget of 500 per expression"));
    assertThat(run(CEL, "object.data.l.all(x, x >= 0)")).isEmpty();
  }

  @Test
  void theDeadlineStopsAnEvaluationThatStaysWithinItsCost() {
    CelRuleCompiler slowAllowed = CelRuleCompiler.builder().maxCost(Long.MAX_VALUE / 4)
        .maxTotalCost(Long.MAX_VALUE / 4).maxIterations(Integer.MAX_VALUE)
        .timeout(java.time.Duration.ofMillis(50)).build();
    assertThat(run(slowAllowed, "object.data.huge.all(x, object.data.huge.exists(y, y == x))"))
        .singleElement().satisfies(v -> assertThat(v.message()).contains("deadline of 50 ms"));
  }

  @Test
  void regexSizeEstimateMultipliesNestedCountsAndAddsAlternatives() {
    assertThat(RegexSize.estimate("abc")).isEqualTo(3);
    assertThat(RegexSize.estimate("a{10}")).isEqualTo(10);
    assertThat(RegexSize.estimate("(a{10}){10}")).isGreaterThanOrEqualTo(100);
    assertThat(RegexSize.estimate("((a{1000}){1000}){1000}")).isGreaterThan(RegexSize.MAX_PROGRAM);
    assertThat(RegexSize.estimate("[a-z{}]{3,5}")).isEqualTo(5);
    assertThat(RegexSize.estimate("x{,3}")).isEqualTo(5); // not a repetition in RE2: literal text
  }
}
