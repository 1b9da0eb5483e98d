package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the owned-field paths of an object the way server-side apply sees them: scalars, atomic
 * lists and maps and empty maps are leaves with their values; each item of a map list is a path of
 * its own (with {@link #ITEM} as value) and so is each item of a set. Server-managed identity and
 * bookkeeping fields are left out, as Kubernetes' field manager strips them. Package-private.
 */
final class FieldWalker {
  /** The value recorded for a map list item's own path; equal to itself only. */
  static final Object ITEM = new Object() {
    @Override
    public String toString() {
      return "<item>";
    }
  };

  /** metadata fields no manager owns. */
  static final Set<String> SERVER_METADATA = Set.of(
      "name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields",
      "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds");

  private final SchemaTable schema;
  private final String group;
  private final String kind;

  FieldWalker(SchemaTable schema, String group, String kind) {
    this.schema = schema;
    this.group = group;
    this.kind = kind;
  }

  /**
   * Leaf and item paths with their values, in walk order.
   *
   * @throws InvalidFieldException on duplicate list keys or items of the wrong shape
   */
  Map<FieldPath, Object> leaves(Map<String, ?> object) {
    Map<FieldPath, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : object.entrySet()) {
      String k = e.getKey();
      if (k.equals("apiVersion") || k.equals("kind")) {
        continue;
      }
      if (k.equals("metadata") && e.getValue() instanceof Map<?, ?> meta) {
        for (Map.Entry<?, ?> m : meta.entrySet()) {
          String mk = String.valueOf(m.getKey());
          if (!SERVER_METADATA.contains(mk)) {
            value(m.getValue(), List.of("metadata", mk), FieldPath.of("metadata", mk), out);
          }
        }
        continue;
      }
      value(e.getValue(), List.of(k), FieldPath.of(k), out);
    }
    return out;
  }

  FieldSet fieldSet(Map<String, ?> object) {
    return FieldSet.of(leaves(object).keySet());
  }

  private void value(Object v, List<String> schemaPath, FieldPath path, Map<FieldPath, Object> out) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty() || schema.isAtomicMap(group, kind, schemaPath)) {
        out.put(path, v);
        return;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        value(e.getValue(), childPath(schemaPath, k, e.getValue()), path.field(k), out);
      }
    } else if (v instanceof List<?> l) {
      list(l, schemaPath, path, out);
    } else {
      out.put(path, v);
    }
  }

  private void list(List<?> l, List<String> schemaPath, FieldPath path, Map<FieldPath, Object> out) {
    ListType type = schema.listType(group, kind, schemaPath);
    switch (type.kind()) {
      case ATOMIC -> out.put(path, l);
      case SET -> {
        Set<Object> seen = new HashSet<>();
        for (Object item : l) {
          if (item instanceof Map<?, ?> || item instanceof List<?>) {
            throw new InvalidFieldException(path, "Invalid value: items of a set must be scalars");
          }
          if (!seen.add(item)) {
            throw new InvalidFieldException(path, "Duplicate value: " + Json.write(item));
          }
          out.put(path.child(new PathElement.Value(item)), item);
        }
      }
      case MAP -> {
        boolean atomicItems = schema.isAtomicMap(group, kind, schemaPath);
        Map<String, Object> defaults = schema.defaults(group, kind, schemaPath);
        Set<PathElement> seen = new HashSet<>();
        for (Object item : l) {
          if (!(item instanceof Map<?, ?> m)) {
            throw new InvalidFieldException(path, "Invalid value: items must be objects keyed by " + type.keys());
          }
          PathElement.Key key = PathElement.Key.of(m, type.keys(), defaults);
          if (key.keys().isEmpty()) {
            throw new InvalidFieldException(path, "Invalid value: an item has none of the key fields " + type.keys());
          }
          if (!seen.add(key)) {
            throw new InvalidFieldException(path, "Duplicate value: more than one item with key " + key.display());
          }
          FieldPath itemPath = path.child(key);
          if (atomicItems) {
            out.put(itemPath, item);
            continue;
          }
          out.put(itemPath, ITEM);
          for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            value(e.getValue(), childPath(schemaPath, k, e.getValue()), itemPath.field(k), out);
          }
        }
      }
      default -> throw new IllegalStateException("unknown list kind " + type.kind());
    }
  }

  /** A child's schema path, which only maps and lists need (scalars are most fields). */
  private static List<String> childPath(List<String> path, String name, Object child) {
    return child instanceof Map<?, ?> || child instanceof List<?> ? append(path, name) : null;
  }

  static List<String> append(List<String> path, String name) {
    List<String> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(name);
    return out;
  }
}
