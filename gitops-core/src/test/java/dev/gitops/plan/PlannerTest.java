package dev.gitops.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.DiffOptions;
import dev.gitops.diff.Differ;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.model.Manifest;
import dev.gitops.testing.TestObjects;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Planner planner = Planner.defaults();
  private final Differ differ = Differ.of(InMemoryCluster.create().schema(), DiffOptions.defaults());

  private static Manifest object(String apiVersion, String kind, String namespace, String name, String annotations) {
    return TestObjects.manifest(name + ".yaml", 1, "apiVersion: " + apiVersion + "\nkind: " + kind
        + "\nmetadata:\n  name: " + name + (namespace == null ? "" : "\n  namespace: " + namespace)
        + (annotations == null ? "" : "\n  annotations:\n    " + annotations) + "\n");
  }

  private List<Step> steps(Manifest m) {
    return planner.steps(m, null, differ.diff(m, Optional.empty()), Directives.of(m));
  }

  @Test
  void orderIsPhaseThenWaveThenKindGroupWithWebhooksLast() {
    List<Manifest> objects = List.of(
        object("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", null, "hook-config", null),
        object("apps/v1", "Deployment", "shop", "web", null),
        object("v1", "ConfigMap", "shop", "late", "argocd.argoproj.io/sync-wave: \"2\""),
        object("example.com/v1", "Widget", "shop", "w", null),
        object("rbac.authorization.k8s.io/v1", "ClusterRole", null, "reader", null),
        object("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com", null),
        object("v1", "Namespace", null, "shop", null),
        object("batch/v1", "Job", "shop", "migrate", "argocd.argoproj.io/hook: PreSync"),
        object("batch/v1", "Job", "shop", "notify", "argocd.argoproj.io/hook: PostSync"),
        object("v1", "ConfigMap", "shop", "early", "argocd.argoproj.io/sync-wave: \"-1\""));
    List<Step> steps = new ArrayList<>();
    for (Manifest m : objects) {
      steps.addAll(steps(m));
    }
    Collections.reverse(steps);
    List<Wave> waves = planner.order(steps);

    assertThat(waves).extracting(Wave::toString).containsExactly(
        "PreSync wave 0", "Sync wave -1", "Sync wave 0", "Sync wave 2", "PostSync wave 0");
    Wave main = waves.get(2);
    assertThat(main.steps()).extracting(s -> s.key().name())
        .containsExactly("shop", "widgets.example.com", "reader", "web", "w", "hook-config");
    assertThat(main.groups()).extracting(g -> g.get(0).group()).containsExactly(KindGroup.NAMESPACES,
        KindGroup.DEFINITIONS, KindGroup.CLUSTER, KindGroup.NAMESPACED, KindGroup.WEBHOOKS);
    assertThat(waves.get(0).steps().get(0).action()).isEqualTo(Step.Action.HOOK);
  }

  @Test
  void orderDoesNotDependOnInputOrder() {
    List<Step> steps = new ArrayList<>();
    for (String name : List.of("c", "a", "b")) {
      steps.addAll(steps(object("v1", "ConfigMap", "ns", name, null)));
    }
    List<Step> reversed = new ArrayList<>(steps);
    Collections.reverse(reversed);
    assertThat(planner.order(steps)).isEqualTo(planner.order(reversed));
  }

  @Test
  void actionFollowsTheDiff() {
    Manifest cm = object("v1", "ConfigMap", "ns", "cfg", null);
    assertThat(steps(cm).get(0).action()).isEqualTo(Step.Action.CREATE);
    LiveObject same = LiveObject.of(cm.object());
    assertThat(planner.steps(cm, same, differ.diff(cm, Optional.of(same)), Directives.none()).get(0).action())
        .isEqualTo(Step.Action.UNCHANGED);
  }

  @Test
  void hookOfTwoPhasesRunsInBoth() {
    Manifest job = object("batch/v1", "Job", "ns", "j", "argocd.argoproj.io/hook: PreSync,PostSync");
    assertThat(steps(job)).extracting(Step::phase).containsExactly(SyncPhase.PRE_SYNC, SyncPhase.POST_SYNC);
    assertThat(steps(job)).allMatch(s -> s.diff() == null);
  }

  @Test
  void pruneHonoursApplicationSettingAndObjectOptOut() {
    LiveObject plain = LiveObject.of(object("v1", "ConfigMap", "ns", "old", null).object());
    LiveObject kept = LiveObject.of(object("v1", "ConfigMap", "ns", "kept",
        "argocd.argoproj.io/sync-options: Prune=false").object());
    LiveObject confirm = LiveObject.of(object("v1", "ConfigMap", "ns", "careful",
        "gitops.dev/sync-options: Prune=confirm").object());

    assertThat(planner.prune(plain, differ.extra(plain), true, false).action()).isEqualTo(Step.Action.PRUNE);
    assertThat(planner.prune(plain, differ.extra(plain), false, false).reason())
        .contains("the application does not prune");
    assertThat(planner.prune(kept, differ.extra(kept), true, true).reason()).contains("Prune=false");
    assertThat(planner.prune(confirm, differ.extra(confirm), true, false).action()).isEqualTo(Step.Action.SKIP);
    assertThat(planner.prune(confirm, differ.extra(confirm), true, true).action()).isEqualTo(Step.Action.PRUNE);
  }

  @Test
  void prunesRunInReverseApplyOrderWithPruneLastAtTheEnd() {
    LiveObject ns = LiveObject.of(object("v1", "Namespace", null, "old-ns", null).object());
    LiveObject deploy = LiveObject.of(object("apps/v1", "Deployment", "old-ns", "web", null).object());
    LiveObject last = LiveObject.of(object("v1", "ConfigMap", "old-ns", "z",
        "argocd.argoproj.io/sync-options: PruneLast=true").object());
    LiveObject crd = LiveObject.of(object("apiextensions.k8s.io/v1", "CustomResourceDefinition", null,
        "things.example.com", null).object());
    List<Step> prunes = new ArrayList<>();
    for (LiveObject l : List.of(ns, last, deploy, crd)) {
      prunes.add(planner.prune(l, differ.extra(l), true, false));
    }
    assertThat(planner.pruneOrder(prunes)).extracting(s -> s.key().name())
        .containsExactly("web", "things.example.com", "old-ns", "z");
  }
}
