package dev.gitops.test;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Revision;
import dev.gitops.policy.ObjectChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changes in an application's rendered objects between two commits: creates, updates and
 * deletes, as policies see them. Made by {@link GitOpsRepository#change}.
 *
 * @param application the application directory, relative to the repository root
 * @param from the earlier commit
 * @param to the later commit
 * @param changes one change per object that differs, creates and updates in the later commit's
 *     render order, then deletes in the earlier commit's order
 */
public record RepositoryChange(String application, Revision from, Revision to,
    List<ObjectChange> changes) {
  /** Checks the parts and copies the list. */
  public RepositoryChange {
    requireNonNull(application, "application");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    changes = List.copyOf(changes);
  }

  /**
   * The changes from one list of rendered objects to another; objects are matched by
   * {@link ObjectKey} (so an apiVersion change of the same object is an update).
   */
  public static RepositoryChange between(String application, Revision from, List<Manifest> before,
      Revision to, List<Manifest> after) {
    Map<ObjectKey, Manifest> old = new LinkedHashMap<>();
    before.forEach(m -> old.put(m.key(), m));
    List<ObjectChange> changes = new ArrayList<>();
    for (Manifest m : after) {
      Manifest previous = old.remove(m.key());
      if (previous == null) {
        changes.add(ObjectChange.create(m));
      } else if (!previous.equals(m)) {
        changes.add(ObjectChange.update(previous, m));
      }
    }
    old.values().forEach(m -> changes.add(ObjectChange.delete(m)));
    return new RepositoryChange(application, from, to, changes);
  }

  /** The changes of one operation, in order. */
  public List<ObjectChange> changes(ObjectChange.Operation operation) {
    return changes.stream().filter(c -> c.operation() == operation).toList();
  }

  /** {@code apps/prod 1a2b3c4d5e6f..6f5e4d3c2b1a}, for messages. */
  public String describe() {
    return application + " " + from.shortId() + ".." + to.shortId();
  }
}
