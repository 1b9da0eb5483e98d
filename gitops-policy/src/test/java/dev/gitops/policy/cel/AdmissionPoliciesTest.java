package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.policy.Action;
import dev.gitops.policy.EnforcementMode;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionPoliciesTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final List<Manifest> POLICIES = TestObjects.load("vap/policies.yaml");
  private static final List<Manifest> OBJECTS = TestObjects.load("vap/objects.yaml");

  private static List<Verdict> evaluate(List<Manifest> policies, List<Manifest> objects) {
    List<RuleSet> sets = AdmissionPolicies.ruleSets(policies, CEL);
    return RulePolicy.of(sets.toArray(RuleSet[]::new)).evaluate(objects);
  }

  @Test
  void bindingsBecomeRuleSetsWithTheirActions() {
    List<RuleSet> sets = AdmissionPolicies.ruleSets(POLICIES, CEL);

    assertThat(sets).extracting(RuleSet::name, RuleSet::mode).containsExactly(
        org.assertj.core.groups.Tuple.tuple("replica-limit-binding", EnforcementMode.ENFORCE),
        org.assertj.core.groups.Tuple.tuple("team-label-warn", EnforcementMode.WARN));
    assertThat(sets.get(0).rules()).singleElement()
        .extracting(r -> r.id()).isEqualTo("replica-limit.replica-limit-binding");
  }

  @Test
  void evaluatesMatchParamsVariablesAndMessages() {
    List<Verdict> verdicts = evaluate(POLICIES, OBJECTS);

    // small passes; canary is excluded by matchConditions; old by the namespaceSelector;
    // the Service is not matched by replica-limit and carries no team label (failurePolicy
    // Ignore turns the missing-field error into a warning); unlabelled-backend is outside the
    // warn binding's objectSelector, but has no spec at all, so has(object.spec.replicas) is an
    // error (has() tests only the last field) and failurePolicy Fail denies.
    assertThat(verdicts).extracting(v -> v.object().name() + " " + v.ruleId() + " " + v.action())
        .containsExactly(
            "large replica-limit.replica-limit-binding DENY",
            "large team-label.team-label-warn WARN",
            "web team-label.team-label-warn WARN",
            "unlabelled-backend replica-limit.replica-limit-binding DENY");
    assertThat(verdicts.get(0).message()).isEqualTo("large wants 8 replicas, the limit is 5 (reason Forbidden)");
    assertThat(verdicts.get(0).source().path()).isEqualTo("vap/objects.yaml");
    assertThat(verdicts.get(1).message())
        .startsWith("rule could not be evaluated (failurePolicy IGNORE)");
    assertThat(verdicts.get(3).message())
        .startsWith("rule could not be evaluated (failurePolicy FAIL)").contains("spec");
  }

  @Test
  void missingParamsFollowParameterNotFoundAction() {
    List<Manifest> withoutParams = POLICIES.stream()
        .filter(m -> !m.kind().equals("ConfigMap")).toList();

    List<Verdict> verdicts = evaluate(withoutParams, OBJECTS.subList(0, 1));

    assertThat(verdicts).singleElement().satisfies(v -> {
      assertThat(v.action()).isEqualTo(Action.DENY);
      assertThat(v.message()).isEqualTo("no ConfigMap replica-limits found for the policy's params");
    });
  }

  @Test
  void unknownPolicyAndBadExpressionsAreRejected() {
    List<Manifest> bindingOnly = POLICIES.stream()
        .filter(m -> m.kind().equals("ValidatingAdmissionPolicyBinding")).toList();
    assertThatThrownBy(() -> AdmissionPolicies.ruleSets(bindingOnly, CEL))
        .isInstanceOf(CelRuleException.class)
        .hasMessageContaining("names policy replica-limit, which is not among the objects");

    List<Manifest> broken = new ArrayList<>(TestObjects.yaml("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: broken}
        spec:
          validations:
            - expression: "object.spec.replicas <"
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: broken-binding}
        spec: {policyName: broken, validationActions: [Deny]}
        """));
    assertThatThrownBy(() -> AdmissionPolicies.ruleSets(broken, CEL))
        .isInstanceOf(CelRuleException.class)
        .hasMessageContaining("ValidatingAdmissionPolicy broken (objects.yaml:1) validation does not compile");
  }

  @Test
  void resourcePlurals() {
    assertThat(ResourceMatch.plural("Deployment")).isEqualTo("deployments");
    assertThat(ResourceMatch.plural("Ingress")).isEqualTo("ingresses");
    assertThat(ResourceMatch.plural("NetworkPolicy")).isEqualTo("networkpolicies");
    assertThat(ResourceMatch.plural("Gateway")).isEqualTo("gateways");
    assertThat(ResourceMatch.plural("Endpoints")).isEqualTo("endpoints");
  }

  @Test
  void operationsAndOldObjectFollowTheChange() {
    List<Manifest> policies = TestObjects.yaml("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: protect}
        spec:
          matchConstraints:
            resourceRules:
              - apiGroups: [apps]
                apiVersions: [v1]
                operations: [UPDATE, DELETE]
                resources: [deployments]
          validations:
            - expression: "request.operation != 'DELETE'"
              message: deployments are not deleted here
            - expression: "request.operation != 'UPDATE' || object.spec.replicas >= oldObject.spec.replicas"
              message: no scaling down
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: protect-all}
        spec: {policyName: protect, validationActions: [Deny]}
        """);
    RulePolicy policy = RulePolicy.of(AdmissionPolicies.ruleSets(policies, CEL)
        .toArray(RuleSet[]::new));
    Manifest three = OBJECTS.get(0);
    Manifest eight = three.withObject(java.util.Map.of("apiVersion", "apps/v1",
        "kind", "Deployment", "metadata", three.object().get("metadata"),
        "spec", java.util.Map.of("replicas", 8L)));

    assertThat(policy.evaluate(three)).isEmpty(); // a create: not matched
    assertThat(policy.evaluate(dev.gitops.policy.ObjectChange.update(three, eight))).isEmpty();
    assertThat(policy.evaluate(dev.gitops.policy.ObjectChange.update(eight, three)))
        .extracting(Verdict::message).containsExactly("no scaling down");
    assertThat(policy.evaluate(dev.gitops.policy.ObjectChange.delete(three)))
        .extracting(Verdict::message).containsExactly("deployments are not deleted here");
  }

  private static final String AUDITED = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replicas-audit}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
        validations:
        - expression: "object.spec.replicas <= 100"
        auditAnnotations:
        - key: high-replica-count
          valueExpression: "object.spec.replicas > 3 ? 'replicas: ' + string(object.spec.replicas) : null"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replicas-audit-binding}
      spec: {policyName: replicas-audit, validationActions: [Deny]}
      """;

  private static String deployment(String name, int replicas) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name
        + ", namespace: default}\nspec: {replicas: " + replicas + "}\n";
  }

  @Test
  void auditAnnotationsAreAuditVerdictsAndNeverDeny() {
    List<Verdict> verdicts = evaluate(TestObjects.yaml(AUDITED),
        TestObjects.yaml(deployment("big", 8) + "---\n" + deployment("small", 2)));

    assertThat(verdicts).singleElement().satisfies(v -> {
      assertThat(v.object().name()).isEqualTo("big");
      assertThat(v.action()).isEqualTo(Action.AUDIT);
      assertThat(v.message()).isEqualTo("audit annotation replicas-audit/high-replica-count: replicas: 8");
    });
  }

  @Test
  void paramsAndNamespacesMayComeFromTheClusterAndRenderedObjectsWin() {
    List<Manifest> policiesOnly = POLICIES.stream().filter(m -> !m.kind().equals("ConfigMap")).toList();
    List<Manifest> paramsInCluster = POLICIES.stream().filter(m -> m.kind().equals("ConfigMap")).toList();

    List<RuleSet> sets = AdmissionPolicies.ruleSets(policiesOnly, paramsInCluster, CEL);
    List<Verdict> verdicts = RulePolicy.of(sets.toArray(RuleSet[]::new)).evaluate(OBJECTS.subList(0, 1));

    assertThat(verdicts).noneMatch(v -> v.message().contains("found for the policy's params"));
    assertThat(AdmissionPolicies.ruleSets(POLICIES, policiesOnly, CEL)).hasSize(sets.size());
  }
}
