package dev.gitops.policy;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.render.RenderResult;
import java.util.Collection;

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

  /** Judges what a renderer produced. */
  public GateDecision check(RenderResult rendered) {
    return check(rendered.objects());
  }
}
