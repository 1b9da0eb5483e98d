package dev.gitops.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncResult;
import dev.gitops.history.SyncOutcome;
import dev.gitops.model.ObjectKey;
import dev.gitops.policy.rules.ChangeRules;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.source.InMemoryGitRepository;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The policy gate as the engine's port: denials stop syncs before any write and land in the history. */
class EngineGateTest {
  private static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";
  private static final String PRIVILEGED_POD = """
      apiVersion: v1
      kind: Pod
      metadata:
        name: root
        namespace: shop
      spec:
        containers:
        - name: main
          image: busybox:1.36
          securityContext:
            privileged: true
      """;

  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final InMemoryGitRepository repo = InMemoryGitRepository.create("config");
  private final Application app = Application.builder("shop").source(repo.source()).path("apps")
      .destination(cluster, "shop").options(SyncOptions.defaults().withHealthTimeout(Duration.ZERO)).build();

  @Test
  void podSecurityDenialStopsTheSyncAndIsRecordedWithItsRule() {
    repo.commit().add("apps/ns.yaml", NAMESPACE).add("apps/pod.yaml", PRIVILEGED_POD).call();
    Gate gate = Gate.of(RulePolicy.of(RuleSets.podSecurityBaseline()));
    try (Engine engine = Engine.builder().gate(gate.forEngine()).build()) {
      SyncResult result = engine.sync(app);

      assertThat(result.outcome()).isEqualTo(SyncOutcome.DENIED);
      assertThat(result.plan().orElseThrow().gate().denials()).isNotEmpty()
          .allSatisfy(f -> assertThat(f.source().path()).isEqualTo("apps/pod.yaml"));
      assertThat(cluster.get(new ObjectKey("", "Namespace", "", "shop"))).isEmpty();
      assertThat(engine.history(app).get(0).verdicts()).anySatisfy(v -> assertThat(v).contains("privileged"));
    }
  }

  @Test
  void changeRuleSeesThePlannedPruneOfANamespace() {
    repo.commit().add("apps/ns.yaml", NAMESPACE).call();
    Gate gate = Gate.of(RulePolicy.of(RuleSet.of("changes", ChangeRules.noProtectedDeletion())));
    try (Engine engine = Engine.builder().gate(gate.forEngine()).build()) {
      assertThat(engine.sync(app).outcome()).isEqualTo(SyncOutcome.SUCCEEDED);
      repo.commit().remove("apps/ns.yaml").add("apps/cm.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n").call();

      SyncResult result = engine.sync(app);

      assertThat(result.outcome()).isEqualTo(SyncOutcome.DENIED);
      assertThat(result.plan().orElseThrow().gate().denials()).singleElement()
          .satisfies(f -> assertThat(f.ruleId()).isEqualTo(ChangeRules.NO_PROTECTED_DELETION));
      assertThat(cluster.get(new ObjectKey("", "Namespace", "", "shop"))).isPresent();
      assertThat(cluster.get(new ObjectKey("", "ConfigMap", "default", "c"))).isEmpty();
    }
  }
}
