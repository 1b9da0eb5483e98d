package dev.gitops.k8s.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.ClusterUnavailableException;
import dev.gitops.k8s.FabricCluster;
import dev.gitops.model.Manifest;
import dev.gitops.policy.Gate;
import dev.gitops.policy.GateDecision;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.cel.AdmissionPolicies;
import dev.gitops.policy.cel.CelRuleCompiler;
import dev.gitops.test.apiserver.KubeApiServer;
import dev.gitops.test.apiserver.KubeApiServerExtension;
import dev.gitops.testing.TestObjects;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same ValidatingAdmissionPolicies and objects judged twice: offline by our evaluator, and by
 * a real kube-apiserver (server-side dry-run applies, so nothing is stored). Both must agree on
 * allow or deny for every object.
 */
@Tag("heavy")
@ExtendWith(KubeApiServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionPolicyParityTest {

  private static final String SETUP = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: parity-on, labels: {parity: "on"}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: parity-off}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: policy-params}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: limits, namespace: policy-params}
      data: {maxKeys: "2"}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: replica-limit}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - apiGroups: ["apps"]
            apiVersions: ["v1"]
            operations: ["CREATE", "UPDATE"]
            resources: ["deployments"]
        validations:
        - expression: "object.spec.replicas <= 5"
          message: "replicas must be at most 5"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: replica-limit-on}
      spec:
        policyName: replica-limit
        validationActions: [Deny]
        matchResources:
          namespaceSelector:
            matchLabels: {parity: "on"}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: team-label}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - apiGroups: [""]
            apiVersions: ["v1"]
            operations: ["CREATE", "UPDATE"]
            resources: ["configmaps"]
          namespaceSelector:
            matchExpressions:
            - {key: kubernetes.io/metadata.name, operator: In, values: [parity-on, parity-off]}
        matchConditions:
        - name: not-system
          expression: "!object.metadata.name.startsWith('kube-')"
        variables:
        - name: labels
          expression: "has(object.metadata.labels) ? object.metadata.labels : {}"
        validations:
        - expression: "'team' in variables.labels"
          messageExpression: "'configmap ' + object.metadata.name + ' needs a team label'"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: team-label-all}
      spec:
        policyName: team-label
        validationActions: [Deny]
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: secret-size}
      spec:
        failurePolicy: Fail
        paramKind: {apiVersion: v1, kind: ConfigMap}
        matchConstraints:
          resourceRules:
          - apiGroups: [""]
            apiVersions: ["v1"]
            operations: ["CREATE", "UPDATE"]
            resources: ["secrets"]
          namespaceSelector:
            matchLabels: {parity: "on"}
        validations:
        - expression: "!has(object.data) || size(object.data) <= int(params.data.maxKeys)"
          message: "too many keys"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: secret-size-limits}
      spec:
        policyName: secret-size
        validationActions: [Deny]
        paramRef: {name: limits, namespace: policy-params, parameterNotFoundAction: Deny}
      """;

  private static String deployment(String ns, String name, int replicas) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers: [{name: app, image: registry.example.com/app:1.0}]
        """.formatted(name, ns, replicas, name, name);
  }

  static List<String> objects() {
    return List.of(
        deployment("parity-on", "small", 3),
        deployment("parity-on", "large", 7),
        deployment("parity-off", "large-elsewhere", 7),
        deployment("parity-on", "at-limit", 5),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: labelled, namespace: parity-on, labels: {team: a}}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unlabelled, namespace: parity-off}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-settings, namespace: parity-on}\n",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: two, namespace: parity-on}\nstringData: {a: '1', b: '2'}\n"
            .replace("stringData", "data").replace("'1'", "MQ==").replace("'2'", "Mg=="),
        "apiVersion: v1\nkind: Secret\nmetadata: {name: three, namespace: parity-on}\n"
            + "data: {a: MQ==, b: Mg==, c: Mw==}\n",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: three-elsewhere, namespace: parity-off}\n"
            + "data: {a: MQ==, b: Mg==, c: Mw==}\n");
  }

  private final FabricCluster cluster;
  private final List<Manifest> setup;
  private final Gate offline;

  AdmissionPolicyParityTest(KubeApiServer server) {
    this.cluster = FabricCluster.builder().config(server.config()).name("parity-apiserver").build();
    this.setup = parse(SETUP, "setup.yaml");
    List<RuleSet> sets = AdmissionPolicies.ruleSets(setup, CelRuleCompiler.create());
    this.offline = Gate.of(RulePolicy.of(sets.toArray(RuleSet[]::new)));
  }

  @BeforeAll
  void installPoliciesAndWaitUntilTheServerEnforcesThem() throws InterruptedException {
    for (Manifest m : setup) {
      cluster.apply(m, ApplyOptions.defaults());
    }
    // The API server loads new policies asynchronously: wait until each one denies.
    for (String probe : List.of(objects().get(1), objects().get(5), objects().get(8))) {
      Manifest m = parse(probe, "probe.yaml").get(0);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (serverAllows(m)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the API server never enforced the policy for " + m.key());
        }
        Thread.sleep(250);
      }
    }
  }

  @AfterAll
  void close() {
    cluster.close();
  }

  static List<Arguments> cases() {
    return objects().stream()
        .map(yaml -> Arguments.of(parse(yaml, "object.yaml").get(0).key().toString(), yaml))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void offlineVerdictMatchesTheApiServer(String key, String yaml) {
    Manifest object = parse(yaml, "object.yaml").get(0);

    GateDecision ours = offline.check(List.of(object));
    boolean theirs = serverAllows(object);

    assertThat(ours.allowed()).as("offline verdict on %s: %s; the API server %s", object.key(),
        ours.verdicts(), theirs ? "allowed it" : "denied it").isEqualTo(theirs);
  }

  private boolean serverAllows(Manifest m) {
    try {
      cluster.apply(m, ApplyOptions.defaults().withDryRun(true));
      return true;
    } catch (ClusterUnavailableException e) {
      throw e;
    } catch (ClusterException e) {
      if (String.valueOf(e.getMessage()).contains("ValidatingAdmissionPolicy")) {
        return false;
      }
      throw e;
    }
  }

  private static List<Manifest> parse(String yaml, String file) {
    List<Manifest> out = new ArrayList<>();
    int line = 1;
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) {
        continue;
      }
      out.add(TestObjects.manifest(file, line, doc));
      line += doc.split("\n", -1).length;
    }
    return out;
  }
}
