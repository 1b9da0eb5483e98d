package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePolicyTest {
  /** Flags every object whose name starts with "bad". */
  private static final Rule BAD_NAME = Rule.of("bad-name", Severity.MEDIUM, "names must not start with bad",
      (m, out) -> {
        if (m.name().startsWith("bad")) {
          out.add("metadata.name", "name " + m.name() + " starts with bad");
        }
      });
  private static final Rule THROWS = Rule.of("throws", Severity.HIGH, "always fails",
      (m, out) -> {
        throw new IllegalStateException("boom");
      });

  private static final String OBJECTS = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: good, namespace: apps}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: bad-one, namespace: apps}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: bad-two, namespace: kube-system}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: bad-three
        namespace: apps
        annotations:
          policy.gitops.dev/exempt: "other-rule, bad-name"
      """;

  @Test
  void violationsBecomeVerdictsWithProvenance() {
    List<Manifest> objects = TestObjects.yaml(OBJECTS);
    List<Verdict> verdicts = RulePolicy.of(RuleSet.of("names", BAD_NAME)).evaluate(objects);

    assertThat(verdicts).extracting(v -> v.object().name(), Verdict::action).containsExactly(
        org.assertj.core.groups.Tuple.tuple("bad-one", Action.DENY),
        org.assertj.core.groups.Tuple.tuple("bad-two", Action.DENY),
        org.assertj.core.groups.Tuple.tuple("bad-three", Action.EXEMPTED));
    Verdict first = verdicts.get(0);
    assertThat(first.ruleId()).isEqualTo("bad-name");
    assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(first.path()).isEqualTo("metadata.name");
    assertThat(first.source()).isEqualTo(new SourceLocation("objects.yaml", 5));
    assertThat(first.message()).isEqualTo("name bad-one starts with bad");
    assertThat(first.toString()).startsWith("objects.yaml:5 ConfigMap apps/bad-one: [bad-name DENY]");
    assertThat(verdicts.get(2).message()).contains("exempted: annotation policy.gitops.dev/exempt");
  }

  @Test
  void modesPerSetAndPerRule() {
    List<Manifest> objects = TestObjects.yaml(OBJECTS);
    Rule other = Rule.of("other", Severity.LOW, "flags bad-one",
        (m, out) -> {
          if (m.name().equals("bad-one")) {
            out.add("", "flagged");
          }
        });
    RuleSet set = RuleSet.of("s", BAD_NAME, other).withMode(EnforcementMode.WARN)
        .withRuleMode("other", EnforcementMode.AUDIT);
    List<Verdict> verdicts = RulePolicy.of(set).evaluate(objects.get(1));

    assertThat(verdicts).extracting(Verdict::ruleId, Verdict::action).containsExactly(
        org.assertj.core.groups.Tuple.tuple("bad-name", Action.WARN),
        org.assertj.core.groups.Tuple.tuple("other", Action.AUDIT));
    assertThat(Gate.of(RulePolicy.of(set)).check(objects).allowed()).isTrue();
    assertThatThrownBy(() -> set.withRuleMode("missing", EnforcementMode.AUDIT))
        .hasMessageContaining("no rule missing");
  }

  @Test
  void configuredExemptionsByNamespaceAndObject() {
    List<Manifest> objects = TestObjects.yaml(OBJECTS);
    RulePolicy policy = RulePolicy.builder().ruleSet(RuleSet.of("names", BAD_NAME))
        .exempt(Exemption.namespace("kube-system"))
        .exempt(Exemption.object(ObjectKey.of("v1", "ConfigMap", "apps", "bad-one"), "bad-name"))
        .exempt(Exemption.namespace("apps", "unrelated-rule"))
        .annotationExemptions(false)
        .build();

    List<Verdict> verdicts = policy.evaluate(objects);

    assertThat(verdicts).extracting(v -> v.object().name() + " " + v.action()).containsExactly(
        "bad-one EXEMPTED", "bad-two EXEMPTED", "bad-three DENY");
    assertThat(verdicts.get(0).message()).endsWith("[exempted: object is exempt]");
    assertThat(verdicts.get(1).message()).endsWith("[exempted: namespace kube-system is exempt]");
  }

  @Test
  void throwingRuleFollowsItsFailurePolicy() {
    Manifest good = TestObjects.yaml(OBJECTS).get(0);

    List<Verdict> fail = RulePolicy.of(RuleSet.of("s", THROWS)).evaluate(good);
    List<Verdict> ignore = RulePolicy.of(
        RuleSet.of("s", THROWS.withFailurePolicy(FailurePolicy.IGNORE))).evaluate(good);
    List<Verdict> audited = RulePolicy.of(
        RuleSet.of("s", THROWS).withMode(EnforcementMode.AUDIT)).evaluate(good);

    assertThat(fail).singleElement().satisfies(v -> {
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).isEqualTo("rule could not be evaluated (failurePolicy FAIL): boom");
    });
    assertThat(ignore).singleElement().extracting(Verdict::action).isEqualTo(Action.WARN);
    assertThat(audited).singleElement().extracting(Verdict::action).isEqualTo(Action.AUDIT);
  }

  @Test
  void liveObjectsUseTheSamePath() {
    Manifest live = Manifest.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "bad-live", "namespace", "apps")), SourceLocation.unknown());

    assertThat(RulePolicy.of(RuleSet.of("names", BAD_NAME)).evaluate(live)).singleElement()
        .satisfies(v -> {
          assertThat(v.source()).isEqualTo(SourceLocation.unknown());
          assertThat(v.toString()).startsWith("ConfigMap apps/bad-live: [bad-name DENY]");
        });
  }

  @Test
  void duplicateRuleIdsAreRejected() {
    assertThatThrownBy(() -> RuleSet.of("s", BAD_NAME, BAD_NAME)).hasMessageContaining("twice");
    assertThatThrownBy(() -> RulePolicy.of(RuleSet.of("a", BAD_NAME), RuleSet.of("b", BAD_NAME)))
        .hasMessageContaining("already in the policy");
    assertThatThrownBy(() -> Rule.of("Bad Id", Severity.LOW, "", (m, out) -> { }))
        .hasMessageContaining("rule id");
  }
}
