package dev.gitops.gate;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import org.jspecify.annotations.Nullable;

/**
 * A change the plan would make to one object, as a gate sees it.
 *
 * @param operation what happens to the object
 * @param before the object as it is (its live tree), null for {@link Operation#CREATE}
 * @param after the object as it will be (the desired tree), null for {@link Operation#DELETE}
 */
public record PlannedChange(Operation operation, @Nullable Manifest before, @Nullable Manifest after) {
  /** What a change does. */
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }

  public PlannedChange {
    if (operation == null
        || (before == null) != (operation == Operation.CREATE)
        || (after == null) != (operation == Operation.DELETE)) {
      throw new IllegalArgumentException(operation + " needs "
          + (operation == Operation.CREATE ? "only an after" : operation == Operation.DELETE
              ? "only a before" : "a before and an after") + " object");
    }
  }

  /** The object the change is about: the new one, or the deleted one. */
  public ObjectKey key() {
    return (after != null ? after : before).key();
  }
}
