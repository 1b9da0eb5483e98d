package dev.gitops.plan;

import static java.util.Objects.requireNonNull;

import dev.gitops.diff.ResourceDiff;
import dev.gitops.gate.GateReport;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a sync of one application would do, computed without writing anything: the revision, the
 * rendered objects, the gate's findings, and the ordered steps with each object's diff. This is
 * what a CI job or a pull-request bot shows; a sync applies exactly such a plan.
 *
 * @param application the application's name
 * @param cluster the destination cluster's name
 * @param namespace the namespace of namespaced objects that declare none
 * @param revision the commit rendered
 * @param objects the rendered objects (namespaces filled in), in render order
 * @param renderedDigest {@code sha256:<hex>} of the rendered objects, in render order
 * @param gate the gate's findings on the objects and on the changes
 * @param waves the steps of every phase and wave, in apply order
 * @param prunes the objects of the inventory no longer declared, in prune order (skipped ones
 *     say why)
 * @param warnings things worth knowing that do not stop the sync (an unknown sync option, ...)
 * @param createdAt when the plan was made
 */
public record Plan(String application, String cluster, String namespace, Revision revision, List<Manifest> objects,
    String renderedDigest, GateReport gate, List<Wave> waves, List<Step> prunes, List<String> warnings,
    Instant createdAt) {

  public Plan {
    requireNonNull(application, "application");
    requireNonNull(cluster, "cluster");
    requireNonNull(namespace, "namespace");
    requireNonNull(revision, "revision");
    objects = List.copyOf(objects);
    requireNonNull(renderedDigest, "renderedDigest");
    requireNonNull(gate, "gate");
    waves = List.copyOf(waves);
    prunes = List.copyOf(prunes);
    warnings = List.copyOf(warnings);
    requireNonNull(createdAt, "createdAt");
  }

  /** Whether the gate allows the sync. */
  public boolean allowed() {
    return gate.allowed();
  }

  /** Every step: the waves' steps in apply order, then the prunes. */
  public List<Step> steps() {
    List<Step> all = new ArrayList<>();
    waves.forEach(w -> all.addAll(w.steps()));
    all.addAll(prunes);
    return all;
  }

  /** The steps that change an object (create, update, prune); hooks and skips are not changes. */
  public List<Step> changes() {
    return steps().stream().filter(s -> s.action() == Step.Action.CREATE || s.action() == Step.Action.UPDATE
        || s.action() == Step.Action.PRUNE).toList();
  }

  /** Whether the cluster already holds what Git declares: no create, update or prune. */
  public boolean isInSync() {
    return changes().isEmpty();
  }

  /** Each object's diff, in step order (hooks have none). */
  public List<ResourceDiff> diffs() {
    return steps().stream().map(Step::diff).filter(Objects::nonNull).toList();
  }

  /** The keys of the objects the application owns after this sync: declared objects that are not hooks. */
  public Set<ObjectKey> inventory() {
    Set<ObjectKey> keys = new LinkedHashSet<>();
    for (Wave w : waves) {
      for (Step s : w.steps()) {
        if (!s.directives().isHook()) {
          keys.add(s.key());
        }
      }
    }
    return keys;
  }

  /**
   * A readable report: revision, gate, then each wave's steps with their diffs' changes.
   * <pre>
   * Plan guestbook -> in-memory at 3f2a9c1e0b7d (Add the guestbook application)
   *   gate: allowed, 0 findings
   *   Sync wave 0
   *     CREATE Namespace guestbook                        apps/guestbook/namespace.yaml:1
   * </pre>
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("Plan ").append(application).append(" -> ").append(cluster).append(" at ")
        .append(revision.shortId()).append(" (").append(revision.subject()).append(")\n");
    b.append("  gate: ").append(gate.allowed() ? "allowed" : "DENIED").append(", ")
        .append(gate.findings().size()).append(" findings\n");
    gate.findings().forEach(f -> b.append("    ").append(f).append('\n'));
    for (Wave w : waves) {
      b.append("  ").append(w).append('\n');
      w.steps().forEach(s -> describe(b, s));
    }
    if (!prunes.isEmpty()) {
      b.append("  Prune\n");
      prunes.forEach(s -> describe(b, s));
    }
    warnings.forEach(w -> b.append("  warning: ").append(w).append('\n'));
    return b.toString();
  }

  private static void describe(StringBuilder b, Step s) {
    String where = s.desired() == null ? "" : s.desired().source().toString();
    b.append(String.format("    %-9s %-48s %s%n", s.action(), s.key(), where));
    if (!s.reason().isEmpty()) {
      b.append("              ").append(s.reason()).append('\n');
    }
    if (s.diff() != null && s.action() == Step.Action.UPDATE) {
      s.diff().changes().forEach(c -> b.append("              ").append(c).append('\n'));
    }
  }
}
