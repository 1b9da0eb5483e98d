package dev.gitops.plan;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import org.jspecify.annotations.Nullable;

/**
 * What a sync does to one object, and why.
 *
 * @param key the object
 * @param action what happens to it
 * @param phase the phase it runs in ({@link SyncPhase#SYNC} for ordinary objects and prunes)
 * @param wave its sync wave
 * @param group its kind group inside the wave
 * @param desired the object as declared; null for {@link Action#PRUNE} and for a skipped prune
 * @param live the object as it is in the cluster; null when it does not exist
 * @param diff its diff; null for hooks (they run on every sync)
 * @param directives what its annotations ask
 * @param reason why, in a few words (for skips: why not)
 */
public record Step(ObjectKey key, Action action, SyncPhase phase, int wave, KindGroup group, @Nullable Manifest desired,
    @Nullable LiveObject live, @Nullable ResourceDiff diff, Directives directives, String reason) {

  /** What a step does. */
  public enum Action {
    /** Created by a server-side apply. */
    CREATE,
    /** Changed by a server-side apply. */
    UPDATE,
    /** In sync: costs no API call. */
    UNCHANGED,
    /** A hook: created (after its previous run is deleted, by default) and waited for. */
    HOOK,
    /** Deleted: in the inventory, no longer declared. */
    PRUNE,
    /** Left alone; {@link Step#reason()} says why. */
    SKIP
  }

  public Step {
    requireNonNull(key, "key");
    requireNonNull(action, "action");
    requireNonNull(phase, "phase");
    requireNonNull(group, "group");
    requireNonNull(directives, "directives");
    requireNonNull(reason, "reason");
    if (desired == null && action != Action.PRUNE && action != Action.SKIP) {
      throw new IllegalArgumentException(action + " of " + key + " needs the desired object");
    }
  }

  /** Whether the step would write to the cluster (create, update, hook or prune). */
  public boolean writes() {
    return action != Action.UNCHANGED && action != Action.SKIP;
  }

  /** This step, skipped for a reason. */
  public Step skipped(String why) {
    return new Step(key, Action.SKIP, phase, wave, group, desired, live, diff, directives, why);
  }

  /** {@code CREATE apps/Deployment shop/web (wave 0)}. */
  @Override
  public String toString() {
    return action + " " + key + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
