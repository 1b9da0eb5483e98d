package dev.gitops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.LabelSelector.Operator;
import dev.gitops.cluster.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "replicas", "3", "empty", "");

  @Test
  void parsesEveryRequirementForm() {
    assertThat(LabelSelector.parse(" app = web , tier==front,env!=prod, zone in (a, b), x notin (c),has,!gone,n>2,m<5")
        .requirements()).containsExactly(
            new Requirement("app", Operator.EQUALS, List.of("web")),
            new Requirement("tier", Operator.EQUALS, List.of("front")),
            new Requirement("env", Operator.NOT_EQUALS, List.of("prod")),
            new Requirement("zone", Operator.IN, List.of("a", "b")),
            new Requirement("x", Operator.NOT_IN, List.of("c")),
            new Requirement("has", Operator.EXISTS, List.of()),
            new Requirement("gone", Operator.DOES_NOT_EXIST, List.of()),
            new Requirement("n", Operator.GREATER_THAN, List.of("2")),
            new Requirement("m", Operator.LESS_THAN, List.of("5")));
  }

  @Test
  void prefixedKeysAndEmptyValuesAreValid() {
    assertThat(LabelSelector.parse("app.kubernetes.io/name=web").requirements())
        .containsExactly(new Requirement("app.kubernetes.io/name", Operator.EQUALS, List.of("web")));
    assertThat(LabelSelector.parse("empty=").matches(WEB)).isTrue();
    assertThat(LabelSelector.parse("empty in (a,)").matches(WEB)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                     | true",
      "app=web                | true",
      "app==web               | true",
      "app=api                | false",
      "app!=api               | true",
      "missing!=x             | true",
      "tier in (front,back)   | true",
      "tier in (back)         | false",
      "tier notin (back)      | true",
      "missing notin (back)   | true",
      "tier notin (front)     | false",
      "app                    | true",
      "missing                | false",
      "!missing               | true",
      "!app                   | false",
      "replicas>2             | true",
      "replicas<3             | false",
      "app>2                  | false",
      "missing>2              | false",
      "app=web,!missing,tier  | true",
      "app=web,missing        | false"})
  void matchesAsKubernetesDoes(String selector, boolean matches) {
    assertThat(LabelSelector.parse(selector).matches(WEB)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "app=web,", ",app", "app=web,,tier", "app=(web)", "app in web", "app in ()", "app in (a", "app in (a b)",
      "app notin", "= web", "!", "!=x", "app=web=x", "app web", "app=a b", "app>x", "app>", "Bad Key=1",
      "-app=1", "app=-bad", "app=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "a/b/c=1", "in=1", "app in (a),(b)"})
  void rejectsMalformedSelectors(String selector) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid label selector \"" + selector + "\"");
  }

  @Test
  void errorsSayWhereAndWhat() {
    assertThatThrownBy(() -> LabelSelector.parse("app in web"))
        .hasMessageContaining("found 'web' at position 7, expected '(' after 'in'");
    assertThatThrownBy(() -> LabelSelector.parse("app=web,"))
        .hasMessageContaining("found end of selector at position 8, expected a requirement after ','");
  }

  @Test
  void listRejectsAMalformedSelector() {
    InMemoryCluster cluster = InMemoryCluster.create();
    assertThatThrownBy(() -> cluster.list(ListRequest.of("", "ConfigMap").withLabelSelector("app in (")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
