package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.policy.Action;
import dev.gitops.policy.FailurePolicy;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelRuleCompilerTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final List<Manifest> DEPLOYMENTS = TestObjects.yaml("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: small, namespace: apps, labels: {team: a}}
      spec:
        replicas: 2
        template:
          spec:
            containers:
              - {name: app, image: "app:1"}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: big, namespace: apps}
      spec:
        replicas: 50
        template:
          spec:
            containers:
              - {name: app, image: "app:1"}
              - {name: sidecar, image: "sidecar:latest"}
      """);

  private static List<Verdict> evaluate(CelRule rule, List<Manifest> objects) {
    return RulePolicy.of(RuleSet.of("cel", CEL.compile(rule))).evaluate(objects);
  }

  @Test
  void falseExpressionIsAViolation() {
    CelRule rule = CelRule.of("max-replicas", "object.spec.replicas <= 10", "at most 10 replicas")
        .withPath("spec.replicas").forKinds("Deployment");

    assertThat(evaluate(rule, DEPLOYMENTS)).singleElement().satisfies(v -> {
      assertThat(v.object().name()).isEqualTo("big");
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).isEqualTo("at most 10 replicas");
      assertThat(v.path()).isEqualTo("spec.replicas");
      assertThat(v.source().line()).isEqualTo(11);
    });
  }

  @Test
  void macrosWork() {
    CelRule rule = CelRule.of("no-latest",
        "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))"
            + " && object.spec.template.spec.containers.exists(c, c.name == 'app')"
            + " && object.spec.template.spec.containers.map(c, c.name).size() >= 1"
            + " && object.spec.template.spec.containers.filter(c, c.name == 'app').size() == 1",
        "");

    assertThat(evaluate(rule, DEPLOYMENTS)).singleElement().satisfies(v -> {
      assertThat(v.object().name()).isEqualTo("big");
      assertThat(v.message()).startsWith("failed expression: object.spec.template");
    });
  }

  @Test
  void missingFieldIsAnErrorHandledByFailurePolicy() {
    CelRule rule = CelRule.of("needs-team", "object.metadata.labels.team == 'a'", "team a only");
    CelRule guarded = CelRule.of("needs-team", "has(object.metadata.labels) "
        + "&& has(object.metadata.labels.team) && object.metadata.labels.team == 'a'", "team a");

    List<Verdict> fail = evaluate(rule, DEPLOYMENTS);
    List<Verdict> ignore = evaluate(rule.withFailurePolicy(FailurePolicy.IGNORE), DEPLOYMENTS);

    assertThat(fail).singleElement().satisfies(v -> {
      assertThat(v.object().name()).isEqualTo("big");
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).startsWith("rule could not be evaluated (failurePolicy FAIL): "
          + "CEL evaluation error:").contains("labels");
    });
    assertThat(ignore).singleElement().extracting(Verdict::action).isEqualTo(Action.WARN);
    assertThat(evaluate(guarded, DEPLOYMENTS)).singleElement()
        .satisfies(v -> assertThat(v.message()).isEqualTo("team a"));
  }

  @Test
  void convertsNullsAndNumbers() {
    Map<String, Object> spec = new HashMap<>();
    spec.put("nothing", null);
    spec.put("small", 3);
    spec.put("big", new BigInteger("5"));
    spec.put("huge", new BigInteger("100000000000000000000"));
    spec.put("ratio", new BigDecimal("0.5"));
    Manifest live = Manifest.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "live", "namespace", "apps"), "spec", spec),
        SourceLocation.unknown());
    CelRule rule = CelRule.of("types", "object.spec.nothing == null && object.spec.small <= 3"
        + " && object.spec.big == 5 && object.spec.huge > 1e19 && object.spec.ratio == 0.5"
        + " && oldObject == null && object.spec.small < 3.5", "types");

    assertThat(evaluate(rule, List.of(live))).isEmpty();
  }

  @Test
  void pathologicalRuleIsStoppedByTheBudget() {
    String range = "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]";
    CelRule rule = CelRule.of("hang", range + ".all(a, " + range + ".all(b, " + range + ".all(c, "
        + range + ".all(d, " + range + ".all(e, " + range + ".all(f, true))))))", "never");

    long start = System.nanoTime();
    List<Verdict> verdicts = evaluate(rule, DEPLOYMENTS.subList(0, 1));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(verdicts).singleElement().satisfies(v -> {
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).contains("Iteration budget exceeded: 10000");
    });
    assertThat(millis).isLessThan(5_000);
    assertThat(RulePolicy.of(RuleSet.of("cel", CelRuleCompiler.builder().maxIterations(100)
        .build().compile(CelRule.of("loop", range + ".all(a, " + range + ".all(b, true))", ""))))
        .evaluate(DEPLOYMENTS.get(0))).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("Iteration budget exceeded: 100"));
  }

  @Test
  void compileErrorsNameTheRule() {
    assertThatThrownBy(() -> CEL.compile(CelRule.of("broken", "object.spec.replicas <=", "")))
        .isInstanceOf(CelRuleException.class)
        .hasMessageContaining("CEL rule broken does not compile");
    assertThatThrownBy(() -> CEL.compile(CelRule.of("not-bool", "'text'", "")))
        .isInstanceOf(CelRuleException.class)
        .hasMessageContaining("CEL rule not-bool does not compile");
    assertThatThrownBy(() -> CEL.compile(CelRule.of("unknown-fn", "object.frobnicate()", "")))
        .isInstanceOf(CelRuleException.class);
  }

  @Test
  void nonBoolResultIsAnError() {
    assertThatThrownBy(() -> CEL.compile(CelRule.of("int", "1 + 1", "")))
        .isInstanceOf(CelRuleException.class);
    // A dyn result type-checks; a non-bool value at run time is an evaluation error.
    List<Verdict> verdicts = evaluate(CelRule.of("dyn", "object.spec.replicas", ""), DEPLOYMENTS);

    assertThat(verdicts).hasSize(2).allSatisfy(v -> {
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).contains("not a bool");
    });
  }

  @Test
  void changeRulesSeeOldObject() {
    Manifest before = DEPLOYMENTS.get(0);
    Manifest after = TestObjects.one("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: small, namespace: apps, labels: {team: b}}
        spec: {replicas: 2}
        """);
    CelRule sameTeam = CelRule.of("same-team", "oldObject == null"
        + " || object.metadata.labels.team == oldObject.metadata.labels.team", "team is immutable");
    CelRule noDelete = CelRule.of("no-delete", "!has(oldObject.metadata.labels)"
        + " || !('team' in oldObject.metadata.labels)", "owned objects are not deleted")
        .forOperations(dev.gitops.policy.ObjectChange.Operation.DELETE);
    RulePolicy policy = RulePolicy.of(RuleSet.of("cel", CEL.compile(sameTeam), CEL.compile(noDelete)));

    assertThat(policy.evaluate(dev.gitops.policy.ObjectChange.update(before, after)))
        .extracting(Verdict::message).containsExactly("team is immutable");
    assertThat(policy.evaluate(dev.gitops.policy.ObjectChange.create(after))).isEmpty();
    assertThat(policy.evaluate(after)).isEmpty();
    assertThat(policy.evaluate(dev.gitops.policy.ObjectChange.delete(before)))
        .extracting(Verdict::message).containsExactly("owned objects are not deleted");
  }

  @Test
  void nullBranchesOfConditionalsAreTypedDynButStringLiteralsAreLeftAlone() {
    assertThat(CelRuleCompiler.dynNullBranches("a ? 'x ? null : null' : null"))
        .isEqualTo("a ? 'x ? null : null' : dyn(null)");
    assertThat(CelRuleCompiler.dynNullBranches("a ?null: b ? \"\"\"q: null\"\"\" : r'\\' ? nullable : null"))
        .isEqualTo("a ?dyn(null): b ? \"\"\"q: null\"\"\" : r'\\' ? nullable : dyn(null)");
    assertThat(CelRuleCompiler.dynNullBranches("{'k': null, 'e': 'a\\'b: null'}"))
        .isEqualTo("{'k': dyn(null), 'e': 'a\\'b: null'}");
  }
}
