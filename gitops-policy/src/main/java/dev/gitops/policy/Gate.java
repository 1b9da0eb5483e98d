package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import dev.gitops.gate.Finding;
import dev.gitops.gate.GateReport;
import dev.gitops.gate.PlannedChange;
import dev.gitops.gate.SyncGate;
import dev.gitops.model.Manifest;
import dev.gitops.render.RenderResult;
import java.util.Collection;
import java.util.List;

/**
 * The check before apply: one call takes the rendered objects, or the planned changes, and
 * answers allow or deny with every verdict.
 */
public final class Gate {
  private final Policy policy;

  private Gate(Policy policy) {
    this.policy = requireNonNull(policy, "policy");
  }

  /** A gate judging by the policy (combine rule sets in one {@link RulePolicy}). */
  public static Gate of(Policy policy) {
    return new Gate(policy);
  }

  /** Judges the objects; denied when any verdict denies. */
  public GateDecision check(Collection<Manifest> objects) {
    return GateDecision.of(policy.evaluate(objects));
  }

  /** Judges a planned change: creates, updates (rules see before and after) and deletes. */
  public GateDecision checkChanges(Collection<ObjectChange> changes) {
    return GateDecision.of(policy.evaluateChanges(changes));
  }

  /**
   * This gate as the engine's policy port: the engine judges the rendered objects and the planned
   * changes through it before writing anything, and records every verdict.
   * <pre>{@code
   * Engine engine = Engine.builder().gate(Gate.of(policy).forEngine()).build();
   * }</pre>
   */
  public SyncGate forEngine() {
    return new SyncGate() {
      @Override
      public GateReport checkObjects(List<Manifest> objects) {
        return report(check(objects));
      }

      @Override
      public GateReport checkChanges(List<PlannedChange> changes) {
        return report(Gate.this.checkChanges(changes.stream().map(Gate::change).toList()));
      }
    };
  }

  private static ObjectChange change(PlannedChange c) {
    return switch (c.operation()) {
      case CREATE -> ObjectChange.create(c.after());
      case UPDATE -> ObjectChange.update(c.before(), c.after());
      case DELETE -> ObjectChange.delete(c.before());
    };
  }

  private static GateReport report(GateDecision decision) {
    return new GateReport(decision.allowed(), decision.verdicts().stream()
        .map(v -> new Finding(v.ruleId(), v.object(), v.action().name(), v.severity().name(), v.message(), v.path(),
            v.source()))
        .toList());
  }

  /** Judges what a renderer produced. */
  public GateDecision check(RenderResult rendered) {
    return check(rendered.objects());
  }
}
