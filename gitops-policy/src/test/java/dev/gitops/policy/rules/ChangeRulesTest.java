package dev.gitops.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.policy.Gate;
import dev.gitops.policy.GateDecision;
import dev.gitops.policy.ObjectChange;
import dev.gitops.policy.Policy;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeRulesTest {
  private static Manifest object(String apiVersion, String kind, String ns, String name, Map<String, Object> spec) {
    Map<String, Object> meta = ns == null ? Map.of("name", name) : Map.of("name", name, "namespace", ns);
    return Manifest.of(Map.of("apiVersion", apiVersion, "kind", kind, "metadata", meta, "spec", spec),
        new SourceLocation("apps/" + name + ".yaml", 1));
  }

  private static Manifest deployment(long replicas) {
    return object("apps/v1", "Deployment", "web", "api", Map.of("replicas", replicas));
  }

  private static Manifest configMap(String name) {
    return object("v1", "ConfigMap", "web", name, Map.of());
  }

  private final Gate gate = Gate.of(RulePolicy.of(RuleSet.of("change",
      ChangeRules.noProtectedDeletion(), ChangeRules.maxReplicaDrop(0.5))));

  @Test
  void deletingAPersistentVolumeClaimNamespaceOrCrdIsDenied() {
    List<ObjectChange> changes = List.of(
        ObjectChange.delete(object("v1", "PersistentVolumeClaim", "web", "data", Map.of())),
        ObjectChange.delete(object("v1", "Namespace", null, "web", Map.of())),
        ObjectChange.delete(object("apiextensions.k8s.io/v1", "CustomResourceDefinition", null,
            "widgets.example.com", Map.of())),
        ObjectChange.delete(configMap("old")));

    GateDecision d = gate.checkChanges(changes);

    assertThat(d.allowed()).isFalse();
    assertThat(d.denials()).extracting(v -> v.object().kind())
        .containsExactly("PersistentVolumeClaim", "Namespace", "CustomResourceDefinition");
    assertThat(d.denials().get(0).source().path()).isEqualTo("apps/data.yaml");
  }

  @Test
  void creatingOrUpdatingProtectedKindsIsAllowed() {
    Manifest pvc = object("v1", "PersistentVolumeClaim", "web", "data", Map.of());

    assertThat(gate.checkChanges(List.of(ObjectChange.create(pvc), ObjectChange.update(pvc, pvc)))
        .allowed()).isTrue();
  }

  @Test
  void replicasMayDropUpToTheShareButNotMore() {
    assertThat(gate.checkChanges(List.of(ObjectChange.update(deployment(10), deployment(5)))).allowed())
        .isTrue();

    GateDecision d = gate.checkChanges(List.of(ObjectChange.update(deployment(10), deployment(4))));

    assertThat(d.allowed()).isFalse();
    Verdict v = d.denials().get(0);
    assertThat(v.path()).isEqualTo("spec.replicas");
    assertThat(v.message()).contains("from 10 to 4").contains("60%");
    assertThat(gate.checkChanges(List.of(ObjectChange.update(deployment(4), deployment(10)))).allowed())
        .isTrue();
  }

  @Test
  void morePrunesThanTheLimitAreDeniedUnlessApproved() {
    List<ObjectChange> prunes = List.of(ObjectChange.delete(configMap("a")),
        ObjectChange.delete(configMap("b")), ObjectChange.delete(configMap("c")),
        ObjectChange.create(configMap("d")));
    ChangeRules.PruneLimit limit = ChangeRules.maxPrunes(2);

    GateDecision denied = Gate.of(Policy.all(limit)).checkChanges(prunes);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.denials()).hasSize(3)
        .allSatisfy(v -> assertThat(v.message()).contains("3 objects would be pruned, more than the limit of 2"));

    GateDecision approved = Gate.of(Policy.all(limit.approve(List.of(
        configMap("a").key())))).checkChanges(prunes);
    assertThat(approved.allowed()).isTrue();
    assertThat(Gate.of(Policy.all(ChangeRules.maxPrunes(3))).checkChanges(prunes).allowed()).isTrue();
  }

  @Test
  void combinedPoliciesReportEveryVerdict() {
    Policy both = Policy.all(RulePolicy.of(RuleSet.of("change", ChangeRules.noProtectedDeletion())),
        ChangeRules.maxPrunes(0));

    GateDecision d = Gate.of(both).checkChanges(List.of(
        ObjectChange.delete(object("v1", "Namespace", null, "web", Map.of()))));

    assertThat(d.denials()).extracting(Verdict::ruleId)
        .containsExactlyInAnyOrder(ChangeRules.NO_PROTECTED_DELETION, ChangeRules.MAX_PRUNES);
  }
}
