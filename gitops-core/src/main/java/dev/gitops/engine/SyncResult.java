package dev.gitops.engine;

import static java.util.Objects.requireNonNull;

import dev.gitops.apply.ChangeSet;
import dev.gitops.health.ApplicationHealth;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.plan.Plan;
import java.util.Optional;

/**
 * What a sync did: how it ended, the plan it carried out, the change set, the health at the end
 * and the history record.
 *
 * @param outcome how it ended
 * @param plan the plan; empty only when an automated sync held after a rollback
 * @param changes what was done to each object; empty when denied or held
 * @param health the application's health at the end
 * @param record the history record written; empty for dry runs, holds and no-op automated syncs
 * @param message why it failed, was denied or held; empty when it succeeded
 */
public record SyncResult(SyncOutcome outcome, Optional<Plan> plan, ChangeSet changes, ApplicationHealth health,
    Optional<SyncRecord> record, String message) {
  public SyncResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(plan, "plan");
    requireNonNull(changes, "changes");
    requireNonNull(health, "health");
    requireNonNull(record, "record");
    requireNonNull(message, "message");
  }

  public boolean succeeded() {
    return outcome == SyncOutcome.SUCCEEDED;
  }

  /** A readable report: outcome, revision, each change, health. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(outcome);
    plan.ifPresent(p -> b.append(" ").append(p.application()).append(" at ").append(p.revision().shortId())
        .append(" (").append(p.revision().subject()).append(")"));
    b.append(": ").append(changes.summary());
    if (!message.isEmpty()) {
      b.append(" - ").append(message);
    }
    b.append('\n').append(changes.describe());
    b.append("  health: ").append(health).append('\n');
    return b.toString();
  }
}
