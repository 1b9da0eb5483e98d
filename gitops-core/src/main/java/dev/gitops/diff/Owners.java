package dev.gitops.diff;

import dev.gitops.cluster.FieldPath;
import dev.gitops.cluster.FieldSet;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.PathElement;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The field managers of a live object with their field sets, parsed on first use. */
final class Owners {
  /** One managedFields entry. */
  record Owner(ObjectKey key, String manager, String operation, Map<?, ?> fieldsV1, FieldSet[] parsed) {
    FieldSet fields() {
      if (parsed[0] == null) {
        try {
          parsed[0] = FieldSet.fromFieldsV1(fieldsV1);
        } catch (IllegalArgumentException e) {
          throw new InvalidManagedFieldsException(key, manager, operation, e);
        }
      }
      return parsed[0];
    }
  }

  private final List<Owner> owners;

  private Owners(List<Owner> owners) {
    this.owners = owners;
  }

  static Owners of(LiveObject live) {
    List<Owner> out = new ArrayList<>();
    if (live != null && live.object().get("metadata") instanceof Map<?, ?> meta
        && meta.get("managedFields") instanceof List<?> entries) {
      for (Object e : entries) {
        if (e instanceof Map<?, ?> m && m.get("fieldsV1") instanceof Map<?, ?> f) {
          out.add(new Owner(live.key(), String.valueOf(m.get("manager")), String.valueOf(m.get("operation")), f,
              new FieldSet[1]));
        }
      }
    }
    return new Owners(out);
  }

  /**
   * What a manager owns as ignore rules by manager read it (union over its entries): the paths it
   * owns whole (leaves of its FieldsV1: a scalar or atomic value, and all below it) and the paths
   * it owns at all (leaves, and maps or items marked {@code "."}, which it owns only the existence
   * of, not every field inside).
   */
  record Ignorable(FieldSet leaves, FieldSet members) {
    /**
     * Whether the manager's fields cover a path: it owns the path or an ancestor whole, or, for a
     * value compared whole ({@code whole}), owns the path at all.
     */
    boolean covers(FieldPath path, boolean whole) {
      return whole && members.contains(path) || leaves.covers(path);
    }
  }

  /** {@link Ignorable} for a manager; empty sets when it owns nothing. */
  Ignorable ignorable(String manager) {
    List<FieldPath> leaves = new ArrayList<>();
    List<FieldPath> members = new ArrayList<>();
    for (Owner o : owners) {
      if (o.manager().equals(manager)) {
        try {
          read(o.fieldsV1(), FieldPath.ROOT, leaves, members);
        } catch (IllegalArgumentException e) {
          throw new InvalidManagedFieldsException(o.key(), o.manager(), o.operation(), e);
        }
      }
    }
    return new Ignorable(FieldSet.fromPaths(leaves), FieldSet.fromPaths(members));
  }

  private static void read(Map<?, ?> node, FieldPath at, List<FieldPath> leaves, List<FieldPath> members) {
    for (Map.Entry<?, ?> e : node.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.equals(".")) {
        continue;
      }
      FieldPath p = at.child(PathElement.decode(key));
      if (!(e.getValue() instanceof Map<?, ?> child) || child.isEmpty()) {
        leaves.add(p);
        members.add(p);
      } else {
        if (child.containsKey(".")) {
          members.add(p);
        }
        read(child, p, leaves, members);
      }
    }
  }

  /** Managers other than {@code except} owning the path or an ancestor of it. */
  List<String> owning(FieldPath path, String except) {
    List<String> out = new ArrayList<>();
    for (Owner o : owners) {
      if (!o.manager().equals(except) && o.fields().covers(path) && !out.contains(o.manager())) {
        out.add(o.manager() + " (" + o.operation() + ")");
      }
    }
    return out;
  }
}
