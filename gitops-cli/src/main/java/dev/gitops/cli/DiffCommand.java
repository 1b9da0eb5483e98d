package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.diff.DiffStatus;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.gate.SyncGate;
import dev.gitops.plan.Plan;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gitops diff SOURCE}: how each object stands against the cluster, field by field. */
@Command(name = "diff",
    description = "Compare the rendered objects with a cluster (default: an empty in-memory one)."
        + " Exit 0: in sync, 1: differences, 2: error.")
final class DiffCommand implements Callable<Integer> {
  @Mixin
  SourceOptions source;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  UnifiedOption unified;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    Plan plan;
    try (Checkout checkout = source.open(); Cluster c = cluster.open()) {
      plan = Planning.plan(checkout, source.source, cluster, c, SyncGate.allowAll());
    }
    List<ResourceDiff> diffs = plan.diffs();
    output.print(() -> text(diffs, Style.detect()), () -> document(plan, diffs));
    return diffs.stream().allMatch(ResourceDiff::isInSync) ? ExitCode.OK : ExitCode.DENIED;
  }

  private Map<String, Object> document(Plan plan, List<ResourceDiff> diffs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster", plan.cluster());
    m.put("namespace", plan.namespace());
    m.put("revision", Views.revision(plan.revision()));
    m.put("inSync", diffs.stream().allMatch(ResourceDiff::isInSync));
    m.put("objects", diffs.stream().map(d -> Views.diff(d, unified.unified)).toList());
    return m;
  }

  /**
   * A line per object ({@code STATUS  OBJECT  at FILE:LINE}), the field changes of those out of
   * sync, the unified diffs when asked, then counts by status.
   */
  private String text(List<ResourceDiff> diffs, Style style) {
    StringBuilder b = new StringBuilder();
    Map<DiffStatus, Integer> counts = new EnumMap<>(DiffStatus.class);
    for (ResourceDiff d : diffs) {
      counts.merge(d.status(), 1, Integer::sum);
      String status = String.format("%-12s", d.status());
      b.append(d.isInSync() ? style.green(status) : style.yellow(status)).append(d.key());
      if (!d.source().path().isEmpty()) {
        b.append("  at ").append(d.source());
      }
      b.append('\n');
      if (d.status() == DiffStatus.OUT_OF_SYNC) {
        d.changes().forEach(c -> b.append("    ").append(Views.changeLine(c)).append('\n'));
      }
      if (unified.unified && !d.isInSync()) {
        b.append(style.diff(d.unifiedDiff()));
        if (b.charAt(b.length() - 1) != '\n') {
          b.append('\n');
        }
      }
    }
    b.append(diffs.size()).append(" objects: ");
    for (DiffStatus s : DiffStatus.values()) {
      b.append(counts.getOrDefault(s, 0)).append(' ').append(s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
          .append(s.ordinal() < DiffStatus.values().length - 1 ? ", " : "\n");
    }
    return b.toString();
  }
}
