package dev.gitops.engine;

import static java.util.Objects.requireNonNull;

import dev.gitops.history.Trigger;
import dev.gitops.source.GitRef;
import java.util.Optional;

/**
 * Why and by whom a sync is asked for, and what it may do beyond the application's options. Start
 * from {@link #manual()} or {@link #automated()}: {@code SyncRequest.manual().by("alice")}.
 *
 * @param trigger what starts it; {@link Trigger#AUTOMATED} syncs hold while a rollback is in force
 * @param initiatedBy who or what asks, for the history; empty if unknown
 * @param ref a ref to sync instead of the application's (a commit, for example); empty for the
 *     application's own
 * @param confirmPrunes also prune objects annotated {@code Prune=confirm}
 * @param note a note for the history record; empty for none
 */
public record SyncRequest(Trigger trigger, String initiatedBy, Optional<GitRef> ref, boolean confirmPrunes,
    String note) {

  public SyncRequest {
    requireNonNull(trigger, "trigger");
    requireNonNull(initiatedBy, "initiatedBy");
    requireNonNull(ref, "ref");
    requireNonNull(note, "note");
  }

  /** A sync a person or a program asked for. */
  public static SyncRequest manual() {
    return new SyncRequest(Trigger.MANUAL, "", Optional.empty(), false, "");
  }

  /** A sync a loop started because Git or the cluster changed. */
  public static SyncRequest automated() {
    return new SyncRequest(Trigger.AUTOMATED, "", Optional.empty(), false, "");
  }

  /** This request, made by someone. */
  public SyncRequest by(String who) {
    return new SyncRequest(trigger, who, ref, confirmPrunes, note);
  }

  /** This request, for another ref than the application's. */
  public SyncRequest at(GitRef value) {
    return new SyncRequest(trigger, initiatedBy, Optional.of(value), confirmPrunes, note);
  }

  /** This request, confirming prunes of objects annotated {@code Prune=confirm}. */
  public SyncRequest confirmingPrunes() {
    return new SyncRequest(trigger, initiatedBy, ref, true, note);
  }

  SyncRequest withTrigger(Trigger value) {
    return new SyncRequest(value, initiatedBy, ref, confirmPrunes, note);
  }

  SyncRequest withNote(String value) {
    return new SyncRequest(trigger, initiatedBy, ref, confirmPrunes, value);
  }
}
