package dev.gitops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.testing.TestObjects;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectivesTest {

  @Test
  void objectWithoutAnnotationsIsAnOrdinaryObjectOfWaveZero() {
    Directives d = Directives.parse(Map.of());
    assertThat(d.wave()).isZero();
    assertThat(d.isHook()).isFalse();
    assertThat(d.prune()).isEqualTo(Directives.PruneMode.ALLOW);
    assertThat(d.hookDeletePolicies()).containsExactly(HookDeletePolicy.BEFORE_HOOK_CREATION);
  }

  @Test
  void argoAnnotationsAreReadAsTheyAre() {
    Directives d = Directives.parse(Map.of(
        "argocd.argoproj.io/sync-wave", "-2",
        "argocd.argoproj.io/hook", "PreSync,PostSync",
        "argocd.argoproj.io/hook-delete-policy", "HookSucceeded,BeforeHookCreation",
        "argocd.argoproj.io/sync-options", "Prune=false, Replace=true,PruneLast=true,Validate=false"));
    assertThat(d.wave()).isEqualTo(-2);
    assertThat(d.hookPhases()).containsExactlyInAnyOrder(SyncPhase.PRE_SYNC, SyncPhase.POST_SYNC);
    assertThat(d.hookDeletePolicies())
        .containsExactlyInAnyOrder(HookDeletePolicy.HOOK_SUCCEEDED, HookDeletePolicy.BEFORE_HOOK_CREATION);
    assertThat(d.prune()).isEqualTo(Directives.PruneMode.DISABLED);
    assertThat(d.replace()).isTrue();
    assertThat(d.pruneLast()).isTrue();
    assertThat(d.unknownOptions()).containsExactly("Validate=false");
  }

  @Test
  void ownAnnotationsWinOverArgoOnes() {
    Directives d = Directives.parse(Map.of(
        "argocd.argoproj.io/sync-wave", "5", "gitops.dev/sync-wave", "1",
        "argocd.argoproj.io/hook", "PreSync", "gitops.dev/hook", "SyncFail",
        "argocd.argoproj.io/sync-options", "Prune=false", "gitops.dev/sync-options", "Prune=confirm"));
    assertThat(d.wave()).isEqualTo(1);
    assertThat(d.hookPhases()).containsExactly(SyncPhase.SYNC_FAIL);
    assertThat(d.prune()).isEqualTo(Directives.PruneMode.CONFIRM);
  }

  @Test
  void helmHooksMapToPhasesWithTheirWeightAsWave() {
    Directives d = Directives.parse(Map.of("helm.sh/hook", "pre-install,pre-upgrade", "helm.sh/hook-weight", "-5",
        "helm.sh/hook-delete-policy", "hook-succeeded"));
    assertThat(d.hookPhases()).containsExactly(SyncPhase.PRE_SYNC);
    assertThat(d.wave()).isEqualTo(-5);
    assertThat(d.hookDeletePolicies()).containsExactly(HookDeletePolicy.HOOK_SUCCEEDED);
    assertThat(Directives.parse(Map.of("helm.sh/hook", "post-install")).hookPhases())
        .containsExactly(SyncPhase.POST_SYNC);
  }

  @Test
  void helmTestAndDeleteHooksAreSkippedAndCrdInstallIsAnOrdinaryObject() {
    assertThat(Directives.parse(Map.of("helm.sh/hook", "test")).skip()).isTrue();
    assertThat(Directives.parse(Map.of("helm.sh/hook", "pre-delete")).skip()).isTrue();
    Directives crd = Directives.parse(Map.of("helm.sh/hook", "crd-install"));
    assertThat(crd.skip()).isFalse();
    assertThat(crd.isHook()).isFalse();
  }

  @Test
  void argoHookWinsOverHelmHook() {
    Directives d = Directives.parse(Map.of("helm.sh/hook", "post-install", "argocd.argoproj.io/hook", "Sync"));
    assertThat(d.hookPhases()).containsExactly(SyncPhase.SYNC);
  }

  @Test
  void skipHookIsNeverApplied() {
    Directives d = Directives.parse(Map.of("argocd.argoproj.io/hook", "Skip"));
    assertThat(d.skip()).isTrue();
    assertThat(d.isHook()).isFalse();
  }

  @Test
  void unreadableValuesNameTheObjectTheFileAndTheAnnotation() {
    var m = TestObjects.manifest("apps/web.yaml", 3, """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cfg
          annotations:
            argocd.argoproj.io/sync-wave: "first"
        """);
    assertThatThrownBy(() -> Directives.of(m)).isInstanceOf(InvalidDirectiveException.class)
        .hasMessageContaining("apps/web.yaml:3").hasMessageContaining("ConfigMap cfg")
        .hasMessageContaining("argocd.argoproj.io/sync-wave").hasMessageContaining("'first'");
    assertThatThrownBy(() -> Directives.parse(Map.of("argocd.argoproj.io/hook", "Later")))
        .hasMessageContaining("unknown phase 'Later'");
    assertThatThrownBy(() -> Directives.parse(Map.of("argocd.argoproj.io/sync-options", "Prune")))
        .hasMessageContaining("not Name=value");
    assertThatThrownBy(() -> Directives.parse(Map.of("argocd.argoproj.io/hook-delete-policy", "Never")))
        .hasMessageContaining("unknown policy 'Never'");
  }
}
