package dev.gitops.policy;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;

/**
 * A planned change to one object, as policies see it: the object before (null when it is
 * created) and after (null when it is deleted).
 *
 * @param operation what happens to the object
 * @param before the object as it is, null for {@link Operation#CREATE}
 * @param after the object as it will be, null for {@link Operation#DELETE}
 */
public record ObjectChange(Operation operation, Manifest before, Manifest after) {
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
}
