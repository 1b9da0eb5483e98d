package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.DiffStatus;
import dev.gitops.diff.Differ;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.policy.rules.ChangeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Policies over the change the drift detector finds: creates, updates and prunes. */
class ChangesFromDriftTest {
  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults());

  private static Manifest deployment(int replicas) {
    return TestObjects.one("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: web}
        spec:
          replicas: %d
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers: [{name: api, image: registry.example.com/api:1.0}]
        """.formatted(replicas));
  }

  private static final Manifest NAMESPACE = TestObjects.one("apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
  private static final Manifest CLAIM = TestObjects.one(
      "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: web}\n"
          + "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n");
  private static final Manifest CONFIG = TestObjects.one(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: web}\ndata: {a: b}\n");

  private final Gate gate = Gate.of(RulePolicy.of(RuleSet.of("change",
      ChangeRules.noProtectedDeletion(), ChangeRules.maxReplicaDrop(0.5))));

  private List<ObjectChange> changes(List<Manifest> desired, List<LiveObject> inventory) {
    List<ObjectChange> out = new ArrayList<>();
    for (Manifest m : desired) {
      Optional<LiveObject> live = cluster.get(m.key());
      ObjectChange.fromDiff(differ.diff(m, live), m, live.orElse(null)).ifPresent(out::add);
    }
    for (LiveObject extra : inventory) {
      out.add(ObjectChange.fromDiff(differ.extra(extra), null, extra).orElseThrow());
    }
    return out;
  }

  @Test
  void aDriftResultBecomesTheChangeItCallsFor() {
    cluster.apply(NAMESPACE, ApplyOptions.defaults());
    cluster.apply(deployment(10), ApplyOptions.defaults());
    LiveObject claim = cluster.apply(CLAIM, ApplyOptions.defaults());

    List<ObjectChange> changes = changes(List.of(NAMESPACE, deployment(2), CONFIG), List.of(claim));

    assertThat(changes).extracting(c -> c.operation() + " " + c.key().kind()).containsExactly(
        "UPDATE Deployment", "CREATE ConfigMap", "DELETE PersistentVolumeClaim");
    GateDecision d = gate.checkChanges(changes);
    assertThat(d.allowed()).isFalse();
    assertThat(d.denials()).extracting(Verdict::ruleId)
        .containsExactly(ChangeRules.MAX_REPLICA_DROP, ChangeRules.NO_PROTECTED_DELETION);
  }

  @Test
  void inSyncObjectsAreNoChangeAndAModestDropIsAllowed() {
    cluster.apply(NAMESPACE, ApplyOptions.defaults());
    cluster.apply(deployment(4), ApplyOptions.defaults());

    List<ObjectChange> changes = changes(List.of(NAMESPACE, deployment(3)), List.of());

    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.operation()).isEqualTo(ObjectChange.Operation.UPDATE);
      assertThat(c.before().get("spec", "replicas")).contains(4L);
    });
    assertThat(gate.checkChanges(changes).allowed()).isTrue();
    ResourceDiff ns = differ.diff(NAMESPACE, cluster.get(NAMESPACE.key()));
    assertThat(ns.status()).isEqualTo(DiffStatus.IN_SYNC);
  }
}
