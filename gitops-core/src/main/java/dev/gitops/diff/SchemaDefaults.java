package dev.gitops.diff;

import dev.gitops.cluster.SchemaDefaulter;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Map;

/**
 * Fills a custom resource's schema defaults ({@link SchemaTable#defaults}) where a field is absent,
 * as the API server does on every write ({@link SchemaDefaulter}), reporting each filled field by
 * its JSON pointer. Run on both sides of a diff after the options' normalizers, so that values
 * compared whole (atomic lists and maps) and map-list keys hold what the server stores.
 */
final class SchemaDefaults {
  private SchemaDefaults() {}

  /** Fills {@code object} in place, reporting each filled field. */
  static void fill(ObjectKey key, Map<String, Object> object, SchemaTable schema, Normalizer.Filled filled) {
    if (filled instanceof FilledFields f) {
      SchemaDefaulter.fill(schema, key.group(), key.kind(), object,
          (path, value) -> f.at(path, f.spelled() ? reason(path, value) : null));
      return;
    }
    SchemaDefaulter.fill(schema, key.group(), key.kind(), object,
        (path, value) -> filled.filled(pointer(path), reason(path, value)));
  }

  private static String reason(List<Object> path, Object value) {
    return "schema default " + path.get(path.size() - 1) + ": " + value;
  }

  private static String pointer(List<Object> path) {
    String out = "";
    for (Object step : path) {
      out = step instanceof Integer i ? Pointers.child(out, i) : Pointers.child(out, (String) step);
    }
    return out;
  }
}
