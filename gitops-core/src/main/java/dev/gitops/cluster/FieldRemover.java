package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes field, map list item and set item paths from an object. A map or list that only became
 * empty because of the removal goes too, so that dropping the last label does not leave
 * {@code labels: {}} behind. Package-private.
 */
final class FieldRemover {
  private static final Object GONE = new Object();
  private final SchemaTable schema;
  private final String group;
  private final String kind;

  FieldRemover(SchemaTable schema, String group, String kind) {
    this.schema = schema;
    this.group = group;
    this.kind = kind;
  }

  Map<String, Object> remove(Map<String, ?> object, FieldSet paths) {
    if (paths.isEmpty()) {
      return Trees.copyMap(object);
    }
    Set<FieldPath> ancestors = new HashSet<>();
    for (FieldPath p : paths.paths()) {
      for (FieldPath a = p; !a.isRoot(); ) {
        a = a.parent();
        if (!ancestors.add(a)) {
          break;
        }
      }
    }
    return inMap(object, FieldPath.ROOT, List.of(), paths, ancestors);
  }

  private Map<String, Object> inMap(Map<?, ?> m, FieldPath at, List<String> schemaPath, FieldSet paths,
      Set<FieldPath> ancestors) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      FieldPath p = at.field(k);
      if (paths.contains(p)) {
        continue;
      }
      Object v = ancestors.contains(p)
          ? inValue(e.getValue(), p, FieldWalker.append(schemaPath, k), paths, ancestors)
          : Trees.copy(e.getValue());
      if (v != GONE) {
        out.put(k, v);
      }
    }
    return out;
  }

  private Object inValue(Object v, FieldPath at, List<String> schemaPath, FieldSet paths, Set<FieldPath> ancestors) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = inMap(m, at, schemaPath, paths, ancestors);
      return out.isEmpty() && !m.isEmpty() ? GONE : out;
    }
    if (!(v instanceof List<?> l)) {
      return Trees.copy(v);
    }
    ListType type = schema.listType(group, kind, schemaPath);
    Map<String, Object> defaults = type.kind() == ListType.Kind.MAP ? schema.defaults(group, kind, schemaPath) : Map.of();
    List<Object> out = new ArrayList<>();
    for (Object item : l) {
      PathElement element = switch (type.kind()) {
        case SET -> new PathElement.Value(item);
        case MAP -> item instanceof Map<?, ?> im ? PathElement.Key.of(im, type.keys(), defaults) : null;
        default -> null;
      };
      FieldPath p = element == null ? null : at.child(element);
      if (p != null && paths.contains(p)) {
        continue;
      }
      if (p != null && ancestors.contains(p) && item instanceof Map<?, ?> im) {
        Map<String, Object> kept = inMap(im, p, schemaPath, paths, ancestors);
        if (!kept.isEmpty()) {
          out.add(kept);
        }
      } else {
        out.add(Trees.copy(item));
      }
    }
    return out.isEmpty() && !l.isEmpty() ? GONE : out;
  }
}
