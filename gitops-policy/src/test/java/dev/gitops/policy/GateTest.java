package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {
  private static final Rule NO_CONFIGMAPS = Rule.of("no-configmaps", Severity.LOW, "no ConfigMaps",
      (m, out) -> {
        if (m.kind().equals("ConfigMap")) {
          out.add("kind", "ConfigMaps are not allowed");
        }
      });
  private static final List<Manifest> OBJECTS = TestObjects.yaml("""
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a, namespace: apps}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: b, namespace: apps}
      """);

  @Test
  void deniesWhenAnyVerdictDenies() {
    GateDecision decision = Gate.of(RulePolicy.of(RuleSet.of("s", NO_CONFIGMAPS))).check(OBJECTS);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denials()).extracting(v -> v.object().name()).containsExactly("a");
    assertThatThrownBy(decision::requireAllowed)
        .isInstanceOfSatisfying(PolicyDeniedException.class,
            e -> assertThat(e.decision()).isSameAs(decision))
        .hasMessageContaining("policy denied 1 finding(s):")
        .hasMessageContaining("objects.yaml:1 ConfigMap apps/a: [no-configmaps DENY]");
  }

  @Test
  void allowsWithWarningsAndAudits() {
    RuleSet warn = RuleSet.of("s", NO_CONFIGMAPS).withMode(EnforcementMode.WARN);
    GateDecision decision = Gate.of(RulePolicy.of(warn)).check(OBJECTS);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.withAction(Action.WARN)).hasSize(1);
    assertThat(decision.requireAllowed()).isSameAs(decision);
  }

  @Test
  void factories() {
    assertThat(GateDecision.allow().allowed()).isTrue();
    assertThat(GateDecision.deny(List.of()).allowed()).isFalse();
    assertThat(GateDecision.of(List.of()).allowed()).isTrue();
    Verdict deny = RulePolicy.of(RuleSet.of("s", NO_CONFIGMAPS)).evaluate(OBJECTS.get(0)).get(0);
    assertThatThrownBy(() -> new GateDecision(true, List.of(deny)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
