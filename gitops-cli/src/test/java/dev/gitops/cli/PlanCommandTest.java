package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCommandTest {
  @Test
  void aFirstSyncCreatesEverythingInOrder() {
    Cli.Result r = run("plan", resource("shop"));

    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("Plan shop -> in-memory at ").contains("(local directory ");
    assertThat(lines.subList(1, lines.size())).containsExactly(
        "gate: allowed, 0 findings",
        "Sync wave 0",
        "  CREATE    Namespace shop  at namespace.yaml:1",
        "  CREATE    ConfigMap shop/web-config  at config.yaml:1",
        "  CREATE    Service shop/web  at web.yaml:28",
        "  CREATE    apps/Deployment shop/web  at web.yaml:2",
        "4 to create, 0 to update, 0 to prune, 0 unchanged, 0 hooks, 0 skipped");
  }

  @Test
  void updatesShowTheirFieldChangesAndPrunesTheirReason() {
    Cli.Result r = run("plan", resource("shop-v2"), "--live", resource("shop"), "--name", "shop");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Plan shop -> in-memory")
        .contains("  UPDATE    apps/Deployment shop/web  at web.yaml:2\n")
        .contains("      .spec.replicas: 2 -> 3 (DECLARED")
        .contains("Prune\n  PRUNE     ConfigMap shop/web-config\n      no longer declared\n")
        .endsWith("0 to create, 1 to update, 1 to prune, 2 unchanged, 0 hooks, 0 skipped\n");
  }

  @Test
  void theGateDeniesAndExitsOne() {
    Cli.Result r = run("plan", resource("shop"), "--rules", resource("rules/max-replicas.yaml"));

    assertThat(r.code()).isEqualTo(ExitCode.DENIED);
    assertThat(r.out()).contains("gate: DENIED, 1 findings\n  DENY    apps/Deployment shop/web  max-one-replica"
        + "  at most one replica\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonListsStepsInApplyOrderThenPrunes() {
    Cli.Result r = run("plan", resource("shop-v2"), "--live", resource("shop"), "-o", "json", "--unified");

    Map<String, Object> plan = r.json();
    assertThat(plan).containsEntry("application", "shop-v2").containsEntry("allowed", true)
        .containsEntry("inSync", false).containsEntry("findings", List.of()).containsEntry("warnings", List.of());
    List<Map<String, Object>> steps = (List<Map<String, Object>>) plan.get("steps");
    assertThat(steps).extracting(s -> s.get("action")).containsExactly("UNCHANGED", "UNCHANGED", "UPDATE", "PRUNE");
    Map<String, Object> update = steps.get(2);
    assertThat(update).containsEntry("phase", "SYNC").containsEntry("wave", 0);
    assertThat((Map<String, Object>) update.get("diff")).containsEntry("status", "OUT_OF_SYNC")
        .hasEntrySatisfying("unified", u -> assertThat((String) u).contains("+  replicas: 3"));
    assertThat(steps.get(3)).containsEntry("source", null).containsEntry("reason", "no longer declared");
  }

  @Test
  void anInvalidApplicationNameIsAnError() {
    Cli.Result r = run("plan", resource("shop"), "--name", "Not_A_Label");

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: invalid application: application name 'Not_A_Label' is not a DNS-1123")
        .hasLineCount(1);
  }
}
