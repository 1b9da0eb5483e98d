package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.gate.Finding;
import dev.gitops.gate.SyncGate;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Step;
import dev.gitops.plan.Wave;
import dev.gitops.policy.Gate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gitops plan SOURCE}: what a sync would do, in order, with the gate's findings. */
@Command(name = "plan",
    description = "Plan a sync against a cluster (default: an empty in-memory one): ordered steps, each"
        + " object's changes, the policy gate's findings. Writes nothing. Exit 0: allowed, 1: denied, 2: error.")
final class PlanCommand implements Callable<Integer> {
  @Mixin
  SourceOptions source;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  PolicyOptions policy;

  @Mixin
  UnifiedOption unified;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    Plan plan;
    try (Checkout checkout = source.open(); Cluster c = cluster.open()) {
      // Admission policies look up their params among the rendered objects: render once for them.
      SyncGate gate = policy.isEmpty() ? SyncGate.allowAll()
          : Gate.of(policy.policy(source.render(checkout).objects())).forEngine();
      plan = Planning.plan(checkout, source.source, cluster, c, gate);
    }
    output.print(() -> text(plan, Style.detect()), () -> document(plan));
    return plan.allowed() ? ExitCode.OK : ExitCode.DENIED;
  }

  private Map<String, Object> document(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("application", plan.application());
    m.put("cluster", plan.cluster());
    m.put("namespace", plan.namespace());
    m.put("revision", Views.revision(plan.revision()));
    m.put("allowed", plan.allowed());
    m.put("inSync", plan.isInSync());
    m.put("findings", plan.gate().findings().stream().map(Views::finding).toList());
    m.put("steps", plan.steps().stream().map(s -> Views.step(s, unified.unified)).toList());
    m.put("warnings", plan.warnings());
    return m;
  }

  private String text(Plan plan, Style style) {
    StringBuilder b = new StringBuilder();
    b.append("Plan ").append(plan.application()).append(" -> ").append(plan.cluster()).append(" at ")
        .append(plan.revision().shortId()).append(" (").append(plan.revision().subject()).append(")\n");
    List<Finding> findings = plan.gate().findings();
    b.append("gate: ").append(plan.allowed() ? style.green("allowed") : style.red("DENIED")).append(", ")
        .append(findings.size()).append(" findings\n");
    for (Finding f : findings) {
      b.append("  ").append(String.format("%-8s", f.action())).append(f.object()).append("  ").append(f.ruleId())
          .append("  ").append(f.message()).append('\n');
    }
    Map<Step.Action, Integer> counts = new EnumMap<>(Step.Action.class);
    for (Wave w : plan.waves()) {
      b.append(w).append('\n');
      w.steps().forEach(s -> step(b, s, counts, style));
    }
    if (!plan.prunes().isEmpty()) {
      b.append("Prune\n");
      plan.prunes().forEach(s -> step(b, s, counts, style));
    }
    plan.warnings().forEach(w -> b.append("warning: ").append(w).append('\n'));
    b.append(counts.getOrDefault(Step.Action.CREATE, 0)).append(" to create, ")
        .append(counts.getOrDefault(Step.Action.UPDATE, 0)).append(" to update, ")
        .append(counts.getOrDefault(Step.Action.PRUNE, 0)).append(" to prune, ")
        .append(counts.getOrDefault(Step.Action.UNCHANGED, 0)).append(" unchanged, ")
        .append(counts.getOrDefault(Step.Action.HOOK, 0)).append(" hooks, ")
        .append(counts.getOrDefault(Step.Action.SKIP, 0)).append(" skipped\n");
    return b.toString();
  }

  private void step(StringBuilder b, Step s, Map<Step.Action, Integer> counts, Style style) {
    counts.merge(s.action(), 1, Integer::sum);
    String action = String.format("%-10s", s.action());
    b.append("  ").append(s.writes() ? style.yellow(action) : action).append(s.key());
    if (s.desired() != null && !s.desired().source().path().isEmpty()) {
      b.append("  at ").append(s.desired().source());
    }
    b.append('\n');
    if (!s.reason().isEmpty()) {
      b.append("      ").append(s.reason()).append('\n');
    }
    if (s.diff() != null && s.action() == Step.Action.UPDATE) {
      s.diff().changes().forEach(c -> b.append("      ").append(Views.changeLine(c)).append('\n'));
      if (unified.unified) {
        b.append(style.diff(s.diff().unifiedDiff()));
        if (b.charAt(b.length() - 1) != '\n') {
          b.append('\n');
        }
      }
    }
  }
}
