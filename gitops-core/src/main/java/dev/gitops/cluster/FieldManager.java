package dev.gitops.cluster;

import dev.gitops.cluster.ApplyConflictException.FieldConflict;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Server-side apply and field ownership, following Kubernetes' structured-merge-diff: each
 * manager's applied configuration is its field set; applying merges the configuration into the
 * live object, removes what the manager applied before and dropped now (unless another manager
 * owns it), and fails on fields another manager owns with a different value unless forced.
 * Package-private.
 */
final class FieldManager {
  private final String cluster;
  private final SchemaTable schema;

  /**
   * Who writes an update, for the managedFields entry it gets.
   *
   * @param subresource empty for the main resource, {@code status} for status writes
   */
  record Actor(String manager, String apiVersion, String subresource) {}

  FieldManager(String cluster, SchemaTable schema) {
    this.cluster = cluster;
    this.schema = schema;
  }

  /**
   * Applies a configuration.
   *
   * @param live the stored object with its managedFields, or null when it does not exist
   * @param config the applied configuration, without server-managed fields
   * @param apiVersion the apiVersion the configuration was applied in
   * @param now the time for the applier's entry
   * @param subresource empty for the object itself, {@code status} for an apply to the status subresource
   * @return the new object (mutable), managedFields included
   * @throws ApplyConflictException on conflicts without force
   * @throws InvalidFieldException on structurally invalid lists
   */
  Map<String, Object> apply(ObjectKey key, Map<String, ?> live, Map<String, ?> config, String manager,
      boolean force, String apiVersion, String now, String subresource) {
    FieldWalker walker = new FieldWalker(schema, key.group(), key.kind());
    Map<String, Object> liveContent = live == null ? null : withoutManagedFields(live);
    List<ManagerEntry> entries = ManagerEntry.readAll(live);
    FieldSet applied = walker.fieldSet(config);
    ManagerEntry previous = find(entries, manager, ManagerEntry.APPLY, subresource);

    Map<String, Object> merged = new ObjectMerger(schema, key.group(), key.kind()).merge(liveContent, config);
    if (previous != null) {
      FieldSet ownedByOthers = FieldSet.empty();
      for (ManagerEntry e : entries) {
        if (e != previous) {
          ownedByOthers = ownedByOthers.union(e.fields());
        }
      }
      FieldSet dropped = previous.fields().difference(applied).difference(ownedByOthers);
      merged = new FieldRemover(schema, key.group(), key.kind()).remove(merged, dropped);
    }

    Map<FieldPath, Object> before = liveContent == null ? Map.of() : walker.leaves(liveContent);
    Set<FieldPath> changed = changed(before, walker.leaves(merged));
    Map<ManagerEntry, FieldSet> conflicts = new LinkedHashMap<>();
    for (ManagerEntry e : entries) {
      if (e != previous) {
        FieldSet c = intersect(e.fields(), changed);
        if (!c.isEmpty()) {
          conflicts.put(e, c);
        }
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw conflict(key, manager, conflicts);
    }

    // As the API server prunes nulls before it defaults: only nullable fields keep theirs.
    Map<String, Object> result = schema.hasNullables(key.group(), key.kind())
        ? Trees.withoutNulls(merged, path -> schema.isNullable(key.group(), key.kind(), path))
        : Trees.withoutNulls(merged);
    FieldSet removed = removed(before, walker.leaves(result));
    List<ManagerEntry> out = new ArrayList<>();
    ManagerEntry mine = new ManagerEntry(manager, ManagerEntry.APPLY, apiVersion, now, subresource, applied);
    for (ManagerEntry e : entries) {
      if (e == previous) {
        out.add(mine);
      } else {
        out.add(e.withFields(e.fields().difference(conflicts.getOrDefault(e, FieldSet.empty())).difference(removed)));
      }
    }
    if (previous == null) {
      out.add(mine);
    }
    out.removeIf(e -> e.fields().isEmpty());
    ManagerEntry.writeAll(result, out);
    return result;
  }

  /**
   * Records a non-apply write: the actor (if any) gains the fields it changed, every other manager
   * loses them, and fields the write removed are no longer owned by anyone.
   *
   * @param live the stored object with its managedFields, or null when it is being created
   * @param updated the new object; its managedFields are replaced
   * @param actor the writer, or null for writes Kubernetes does not record (deletion marks)
   * @return {@code updated} with its managedFields set
   */
  Map<String, Object> update(ObjectKey key, Map<String, ?> live, Map<String, Object> updated, Actor actor,
      String now) {
    FieldWalker walker = new FieldWalker(schema, key.group(), key.kind());
    List<ManagerEntry> entries = ManagerEntry.readAll(live);
    Map<FieldPath, Object> before = live == null ? Map.of() : walker.leaves(withoutManagedFields(live));
    Map<FieldPath, Object> after = walker.leaves(withoutManagedFields(updated));
    FieldSet changed = FieldSet.of(changed(before, after));
    FieldSet removed = removed(before, after);
    List<ManagerEntry> out = new ArrayList<>();
    boolean found = false;
    for (ManagerEntry e : entries) {
      if (actor != null && e.is(actor.manager(), ManagerEntry.UPDATE, actor.subresource())) {
        found = true;
        out.add(changed.isEmpty() && removed.isEmpty() ? e
            : new ManagerEntry(e.manager(), e.operation(), actor.apiVersion(), now, e.subresource(),
                e.fields().union(changed).difference(removed)));
      } else {
        out.add(e.withFields(e.fields().difference(changed).difference(removed)));
      }
    }
    if (actor != null && !found && !changed.isEmpty()) {
      out.add(new ManagerEntry(actor.manager(), ManagerEntry.UPDATE, actor.apiVersion(), now, actor.subresource(),
          changed));
    }
    out.removeIf(e -> e.fields().isEmpty());
    ManagerEntry.writeAll(updated, out);
    return updated;
  }

  private static ManagerEntry find(List<ManagerEntry> entries, String manager, String operation, String sub) {
    for (ManagerEntry e : entries) {
      if (e.is(manager, operation, sub)) {
        return e;
      }
    }
    return null;
  }

  /** Paths added or given another value. */
  private static Set<FieldPath> changed(Map<FieldPath, Object> before, Map<FieldPath, Object> after) {
    Set<FieldPath> out = new HashSet<>();
    after.forEach((p, v) -> {
      if (!before.containsKey(p) || !Objects.equals(before.get(p), v)) {
        out.add(p);
      }
    });
    return out;
  }

  private static FieldSet removed(Map<FieldPath, Object> before, Map<FieldPath, Object> after) {
    List<FieldPath> out = new ArrayList<>();
    before.keySet().forEach(p -> {
      if (!after.containsKey(p)) {
        out.add(p);
      }
    });
    return FieldSet.of(out);
  }

  private static FieldSet intersect(FieldSet owned, Set<FieldPath> changed) {
    List<FieldPath> out = new ArrayList<>();
    for (FieldPath p : owned.paths()) {
      if (changed.contains(p)) {
        out.add(p);
      }
    }
    return FieldSet.of(out);
  }

  private ApplyConflictException conflict(ObjectKey key, String manager, Map<ManagerEntry, FieldSet> conflicts) {
    Set<FieldConflict> list = new LinkedHashSet<>();
    conflicts.forEach((e, paths) -> paths.paths().forEach(p -> list.add(new FieldConflict(e.manager(), p.display()))));
    StringBuilder msg = new StringBuilder(cluster).append(": apply of ").append(key)
        .append(" by field manager \"").append(manager).append("\" failed with ").append(list.size())
        .append(list.size() == 1 ? " conflict:" : " conflicts:");
    for (FieldConflict c : list) {
      msg.append(" conflict with \"").append(c.manager()).append("\": ").append(c.path()).append(';');
    }
    msg.setLength(msg.length() - 1);
    msg.append(" (apply with force to take ownership)");
    return new ApplyConflictException(key, msg.toString(), List.copyOf(list));
  }

  private static Map<String, Object> withoutManagedFields(Map<String, ?> object) {
    Map<String, Object> out = Trees.copyMap(object);
    if (out.get("metadata") instanceof Map<?, ?>) {
      Trees.child(out, "metadata").remove("managedFields");
    }
    return out;
  }
}
