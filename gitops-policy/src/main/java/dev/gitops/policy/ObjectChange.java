package dev.gitops.policy;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import org.jspecify.annotations.Nullable;

/**
 * A planned change to one object, as policies see it: the object before (null when it is
 * created) and after (null when it is deleted).
 *
 * @param operation what happens to the object
 * @param before the object as it is, null for {@link Operation#CREATE}
 * @param after the object as it will be, null for {@link Operation#DELETE}
 */
public record ObjectChange(Operation operation, @Nullable Manifest before, @Nullable Manifest after) {
  /** What a change does. */
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }

  public ObjectChange {
    if (operation == null
        || (before == null) != (operation == Operation.CREATE)
        || (after == null) != (operation == Operation.DELETE)) {
      throw new IllegalArgumentException(operation + " needs "
          + (operation == Operation.CREATE ? "only an after" : operation == Operation.DELETE
              ? "only a before" : "a before and an after") + " object");
    }
    if (operation == Operation.UPDATE && !before.key().equals(after.key())) {
      throw new IllegalArgumentException("update of " + before.key() + " to another object "
          + after.key());
    }
  }

  /** The object will be created. */
  public static ObjectChange create(Manifest after) {
    return new ObjectChange(Operation.CREATE, null, after);
  }

  /** The object will change from {@code before} to {@code after}. */
  public static ObjectChange update(Manifest before, Manifest after) {
    return new ObjectChange(Operation.UPDATE, before, after);
  }

  /** The object will be deleted. */
  public static ObjectChange delete(Manifest before) {
    return new ObjectChange(Operation.DELETE, before, null);
  }

  /** The object verdicts are about: the new one, or the deleted one. */
  public Manifest object() {
    return after != null ? after : before;
  }

  public ObjectKey key() {
    return object().key();
  }

  /**
   * The change a drift result calls for, as policies see it: MISSING is a create, OUT_OF_SYNC an
   * update from the live object to the desired one, EXTRA (in the inventory, no longer desired) a
   * delete, and IN_SYNC no change.
   *
   * @param diff the drift detector's result for one object
   * @param desired the desired object, null for EXTRA
   * @param live the live object, null for MISSING
   * @throws IllegalArgumentException if an object the status needs is missing or another object
   */
  public static java.util.Optional<ObjectChange> fromDiff(
      dev.gitops.diff.ResourceDiff diff, @Nullable Manifest desired,
      dev.gitops.cluster.@Nullable LiveObject live) {
    java.util.Objects.requireNonNull(diff, "diff");
    if (desired != null && !desired.key().equals(diff.key())
        || live != null && !live.key().equals(diff.key())) {
      throw new IllegalArgumentException("objects given for " + diff.key() + " are other objects");
    }
    return switch (diff.status()) {
      case IN_SYNC -> java.util.Optional.empty();
      case MISSING -> java.util.Optional.of(create(require(desired, diff, "desired")));
      case OUT_OF_SYNC -> java.util.Optional.of(update(asManifest(require(live, diff, "live")),
          require(desired, diff, "desired")));
      case EXTRA -> java.util.Optional.of(delete(asManifest(require(live, diff, "live"))));
    };
  }

  /** A live object as policies read it: its tree, with no source location. */
  public static Manifest asManifest(dev.gitops.cluster.LiveObject live) {
    return Manifest.of(live.object(), dev.gitops.model.SourceLocation.unknown());
  }

  private static <T> T require(@Nullable T value, dev.gitops.diff.ResourceDiff diff, String what) {
    if (value == null) {
      throw new IllegalArgumentException(diff.status() + " " + diff.key() + " needs the " + what + " object");
    }
    return value;
  }
}
