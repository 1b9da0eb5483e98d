package dev.gitops.diff;

import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.ObjectTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a custom resource's schema defaults ({@link SchemaTable#defaults}) where a field is absent,
 * as the API server does on every write: at each map, then inside every value, defaulted ones
 * included. Run on both sides of a diff after the options' normalizers, so that values compared
 * whole (atomic lists and maps) and map-list keys hold what the server stores.
 */
final class SchemaDefaults {
  private SchemaDefaults() {}

  /** Fills {@code object} in place, reporting each filled field. */
  static void fill(ObjectKey key, Map<String, Object> object, SchemaTable schema, Normalizer.Filled filled) {
    map(key.group(), key.kind(), object, new ArrayList<>(), "", schema, filled);
  }

  private static void map(String group, String kind, Map<String, Object> m, List<String> sp, String pointer,
      SchemaTable schema, Normalizer.Filled filled) {
    schema.defaults(group, kind, sp).forEach((field, value) -> {
      if (!m.containsKey(field)) {
        m.put(field, ObjectTree.thawValue(value));
        filled.filled(Pointers.child(pointer, field), "schema default " + field + ": " + value);
      }
    });
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        sp.add(e.getKey());
        value(group, kind, v, sp, Pointers.child(pointer, e.getKey()), schema, filled);
        sp.remove(sp.size() - 1);
      }
    }
  }

  /** A map or list value at schema path {@code sp}; list items share their list's path. */
  @SuppressWarnings("unchecked")
  private static void value(String group, String kind, Object v, List<String> sp, String pointer, SchemaTable schema,
      Normalizer.Filled filled) {
    if (v instanceof Map<?, ?> m) {
      map(group, kind, (Map<String, Object>) m, sp, pointer, schema, filled);
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        value(group, kind, l.get(i), sp, Pointers.child(pointer, i), schema, filled);
      }
    }
  }
}
