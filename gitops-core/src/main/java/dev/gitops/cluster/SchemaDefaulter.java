package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fills a custom resource's structural-schema defaults ({@link SchemaTable#defaults}) into an
 * object, as the API server does on every write of a custom resource: at each map, every field
 * with a default that is absent gets a copy of the default; then every value of the map is visited,
 * list items and just-filled defaults included (so a {@code default: {}} object receives the
 * defaults of its own fields). Fields present are never changed, {@code null} values included.
 *
 * <p>The in-memory cluster defaults what it stores with it, the differ both sides of a diff.
 */
public final class SchemaDefaulter {
  private SchemaDefaulter() {}

  /** Told about each field a fill adds. */
  @FunctionalInterface
  public interface Listener {
    /**
     * A field was filled.
     *
     * @param path where, from the object root: field names ({@link String}) and list indexes
     *     ({@link Integer}), the filled field's name last; a copy the listener may keep
     * @param value the default it got (the schema's value, not the object's copy: never modify it)
     */
    void filled(List<Object> path, Object value);
  }

  /**
   * Fills the defaults of the kind into {@code object}, in place.
   *
   * @param object the object tree, with mutable maps and lists wherever a default may go
   * @param listener told about each filled field; may be null
   */
  public static void fill(SchemaTable schema, String group, String kind, Map<String, Object> object,
      @Nullable Listener listener) {
    requireNonNull(schema, "schema");
    requireNonNull(object, "object");
    if (schema.hasDefaults(group, kind)) {
      new Walk(schema, group, kind, listener).map(object);
    }
  }

  /**
   * One fill: the schema path (field names only, as the table wants it) and the object path
   * (with list indexes, for the listener) of the value being visited.
   */
  private static final class Walk {
    private final SchemaTable schema;
    private final String group;
    private final String kind;
    private final Listener listener;
    private final List<String> schemaPath = new ArrayList<>();
    private final List<Object> path = new ArrayList<>();

    Walk(SchemaTable schema, String group, String kind, Listener listener) {
      this.schema = schema;
      this.group = group;
      this.kind = kind;
      this.listener = listener;
    }

    void map(Map<String, Object> m) {
      Map<String, Object> defaults = schema.defaults(group, kind, schemaPath);
      // Most maps have no defaults: no lambda for them, this runs per map of every object diffed.
      if (!defaults.isEmpty()) {
        fillFrom(defaults, m);
      }
      for (Map.Entry<String, Object> e : m.entrySet()) {
        Object v = e.getValue();
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
          schemaPath.add(e.getKey());
          if (schema.hasDefaultsBelow(group, kind, schemaPath)) {
            path.add(e.getKey());
            value(v);
            path.remove(path.size() - 1);
          }
          schemaPath.remove(schemaPath.size() - 1);
        }
      }
    }

    private void fillFrom(Map<String, Object> defaults, Map<String, Object> m) {
      defaults.forEach((field, value) -> {
        if (!m.containsKey(field)) {
          m.put(field, Trees.copy(value));
          if (listener != null) {
            path.add(field);
            listener.filled(List.copyOf(path), value);
            path.remove(path.size() - 1);
          }
        }
      });
    }

    /** A map or list at the current paths; list items share their list's schema path. */
    @SuppressWarnings("unchecked")
    private void value(Object v) {
      if (v instanceof Map<?, ?> m) {
        map((Map<String, Object>) m);
      } else if (v instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          path.add(i);
          value(l.get(i));
          path.remove(path.size() - 1);
        }
      }
    }
  }
}
