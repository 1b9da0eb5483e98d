package dev.gitops.apply;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.model.ObjectKey;
import dev.gitops.plan.SyncPhase;
import java.util.List;

/**
 * What a sync did to one object.
 *
 * @param key the object
 * @param action what happened
 * @param phase the phase it happened in
 * @param wave the sync wave
 * @param hook whether the object is a hook (a hook that ran and succeeded is {@link Action#CREATED})
 * @param message why it was skipped, what failed (the API error), or what a hook ended with;
 *     empty when there is nothing to say
 * @param conflicts for a conflict with other field managers: each field and its manager
 */
public record ChangeEntry(ObjectKey key, Action action, SyncPhase phase, int wave, boolean hook, String message,
    List<FieldConflict> conflicts) {

  /** What happened to an object. */
  public enum Action {
    CREATED,
    CONFIGURED,
    /** Deleted and created again after the server refused a change to an immutable field. */
    REPLACED,
    UNCHANGED,
    DELETED,
    SKIPPED,
    FAILED
  }

  public ChangeEntry {
    requireNonNull(key, "key");
    requireNonNull(action, "action");
    requireNonNull(phase, "phase");
    requireNonNull(message, "message");
    conflicts = List.copyOf(conflicts);
  }

  /** An entry without conflicts. */
  public static ChangeEntry of(ObjectKey key, Action action, SyncPhase phase, int wave, boolean hook,
      String message) {
    return new ChangeEntry(key, action, phase, wave, hook, message, List.of());
  }

  public boolean failed() {
    return action == Action.FAILED;
  }

  /** {@code CONFIGURED apps/Deployment shop/web}, with the message when there is one. */
  @Override
  public String toString() {
    return (hook ? "hook " : "") + action + " " + key + (message.isEmpty() ? "" : ": " + message);
  }
}
