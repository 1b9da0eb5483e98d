package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each expression must evaluate to true against {@link #OBJECT}; the error cases must fail. */
class CelLibrariesTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final Manifest OBJECT = TestObjects.one("""
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: data, namespace: apps}
      data:
        numbers: [3, 1, 2]
        sorted: [1, 2, 2, 5]
        names: [b, a, c, a]
        mixed: [1, 2.5]
        memory: 512Mi
        text: "v1.2.3 and v4.5.6"
        unlike: [1, a]
      """);

  private static List<Verdict> run(String expression) {
    return RulePolicy.of(RuleSet.of("t", CEL.compile(CelRule.of("t", expression, "false"))))
        .evaluate(OBJECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // lists
      "object.data.sorted.isSorted() && !object.data.numbers.isSorted() && [].isSorted()",
      "['a', 'b', 'b'].isSorted() && !object.data.names.isSorted()",
      "object.data.numbers.sum() == 6 && [].sum() == 0 && object.data.mixed.sum() == 3.5",
      "[1.5, 2.5].sum() == 4.0",
      "object.data.numbers.min() == 1 && object.data.numbers.max() == 3",
      "object.data.names.min() == 'a' && object.data.names.max() == 'c'",
      "object.data.mixed.max() == 2.5",
      "object.data.names.indexOf('a') == 1 && object.data.names.lastIndexOf('a') == 3",
      "object.data.names.indexOf('z') == -1 && object.data.numbers.indexOf(2) == 2",
      // regex
      "object.data.text.find('v[0-9]+\\\\.[0-9]+') == 'v1.2'",
      "object.data.text.find('x+') == ''",
      "object.data.text.findAll('v[0-9]') == ['v1', 'v4']",
      "object.data.text.findAll('[0-9]', 2) == ['1', '2'] && 'abc'.findAll('[a-z]', -1).size() == 3",
      // quantity
      "isQuantity('1.5Gi') && !isQuantity('1.5GiB') && !isQuantity('') && isQuantity('2e3')",
      "quantity(object.data.memory).isLessThan(quantity('1Gi'))",
      "quantity('1') == quantity('1000m') && quantity('1k') == quantity('1e3')",
      "quantity('1Ki').asInteger() == 1024 && quantity('1.5').asApproximateFloat() == 1.5",
      "quantity('1500m').isInteger() == false && quantity('2').isInteger()",
      "quantity('-1').sign() == -1 && quantity('0').sign() == 0 && quantity('5n').sign() == 1",
      "quantity('1Gi').add(quantity('512Mi')) == quantity('1536Mi')",
      "quantity('1').add(2) == quantity('3') && quantity('1').sub(3) == quantity('-2')",
      "quantity('2Gi').sub(quantity('1Gi')).isGreaterThan(quantity('1G'))",
      "quantity('1M').compareTo(quantity('1Mi')) == -1 && quantity('1').compareTo(quantity('1')) == 0",
  })
  void evaluatesToTrue(String expression) {
    assertThat(run(expression)).as(expression).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[].min() == 0",
      "object.data.unlike.isSorted()",
      "object.data.names.sum() == 0",
      "'x'.find('(') == ''",
      "quantity('12 apples').sign() == 1",
      "quantity('1.5').asInteger() == 1",
  })
  void errorsBecomeVerdicts(String expression) {
    assertThat(run(expression)).as(expression).singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("rule could not be evaluated"));
  }

  @Test
  void quantityParsing() {
    assertThat(Quantity.parse("100m").value()).isEqualByComparingTo("0.1");
    assertThat(Quantity.parse("1.5Gi").value()).isEqualByComparingTo("1610612736");
    assertThat(Quantity.parse("2E").value()).isEqualByComparingTo("2000000000000000000");
    assertThat(Quantity.parse("2E2").value()).isEqualByComparingTo("200");
    assertThat(Quantity.parse(".5").value()).isEqualByComparingTo("0.5");
    assertThat(Quantity.parse("-3u")).isEqualTo(new Quantity(new BigDecimal("-0.000003")));
    assertThatThrownBy(() -> Quantity.parse("1e1000")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantity.parse("Gi")).isInstanceOf(IllegalArgumentException.class);
  }
}
