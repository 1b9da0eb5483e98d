package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.policy.ObjectChange.Operation;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ChangeEvaluationTest {
  // Separate files: one render holds one object per key.
  private static final Manifest FAST = TestObjects.one("""
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data, namespace: apps}
      spec: {storageClassName: fast}
      """);
  private static final Manifest SLOW = TestObjects.one("""
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata: {name: data, namespace: apps}
      spec: {storageClassName: slow}
      """);
  private static final Manifest SCRATCH = TestObjects.one("""
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: scratch
        namespace: apps
        annotations: {policy.gitops.dev/exempt: no-pvc-deletion}
      spec: {storageClassName: fast}
      """);

  private static final Rule NO_PVC_DELETION = Rule.ofChange("no-pvc-deletion", Severity.HIGH,
      "claims are not deleted", (change, out) -> {
        if (change.operation() == Operation.DELETE
            && change.before().kind().equals("PersistentVolumeClaim")) {
          out.add("", "deleting claim " + change.before().name() + " loses its data");
        }
      });
  private static final Rule IMMUTABLE_CLASS = Rule.ofChange("immutable-storage-class",
      Severity.MEDIUM, "storage classes do not change", (change, out) -> {
        if (change.operation() == Operation.UPDATE && !Objects.equals(
            change.before().get("spec", "storageClassName"),
            change.after().get("spec", "storageClassName"))) {
          out.add("spec.storageClassName", "storageClassName cannot change");
        }
      });
  private static final Rule FAST_ONLY = Rule.of("fast-only", Severity.LOW, "fast storage",
      (m, out) -> {
        if (!m.get("spec", "storageClassName").orElse("").equals("fast")) {
          out.add("spec.storageClassName", "not fast");
        }
      });
  private static final RulePolicy POLICY =
      RulePolicy.of(RuleSet.of("changes", NO_PVC_DELETION, IMMUTABLE_CLASS, FAST_ONLY));

  @Test
  void changeRulesSeeBeforeAndAfter() {
    List<Verdict> verdicts = POLICY.evaluateChanges(List.of(
        ObjectChange.update(FAST, SLOW),
        ObjectChange.delete(FAST),
        ObjectChange.create(FAST),
        ObjectChange.delete(SCRATCH)));

    assertThat(verdicts).extracting(v -> v.ruleId() + " " + v.action() + " " + v.path())
        .containsExactly(
            "immutable-storage-class DENY spec.storageClassName",
            "fast-only DENY spec.storageClassName",
            "no-pvc-deletion DENY ",
            "no-pvc-deletion EXEMPTED ");
    // A deleted object's verdicts point at where it was declared.
    assertThat(verdicts.get(2).source()).isEqualTo(FAST.source());
  }

  @Test
  void objectsWithoutAPlanAreCreates() {
    assertThat(POLICY.evaluate(SLOW)).extracting(Verdict::ruleId).containsExactly("fast-only");
    assertThat(POLICY.evaluate(ObjectChange.create(SLOW)))
        .isEqualTo(POLICY.evaluate(SLOW));
  }

  @Test
  void gateJudgesPlannedChanges() {
    Gate gate = Gate.of(POLICY);

    assertThat(gate.checkChanges(List.of(ObjectChange.update(FAST, FAST))).allowed()).isTrue();
    assertThat(gate.checkChanges(List.of(ObjectChange.delete(FAST))).allowed()).isFalse();
  }

  @Test
  void policiesWithoutChangeRulesJudgeTheObjectAfter() {
    Policy objectsOnly = m -> RulePolicy.of(RuleSet.of("s", FAST_ONLY)).evaluate(m);

    assertThat(objectsOnly.evaluate(ObjectChange.update(FAST, SLOW))).hasSize(1);
    assertThat(objectsOnly.evaluate(ObjectChange.delete(SLOW))).isEmpty();
  }

  @Test
  void changesAreValidated() {
    assertThatThrownBy(() -> new ObjectChange(Operation.CREATE, FAST, FAST))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectChange(Operation.DELETE, null, FAST))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectChange.update(FAST, SCRATCH))
        .hasMessageContaining("to another object");
  }
}
