package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

/**
 * One change seen by a watch.
 *
 * @param type what happened
 * @param object the object after the change (for deletions: its last state)
 */
public record WatchEvent(Type type, LiveObject object) {
  /** Kinds of change. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  public WatchEvent {
    requireNonNull(type, "type");
    requireNonNull(object, "object");
  }
}
