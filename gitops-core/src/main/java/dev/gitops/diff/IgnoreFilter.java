package dev.gitops.diff;

import dev.gitops.cluster.FieldPath;
import dev.gitops.cluster.ListType;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.PathElement;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the apply stage sends: the desired object without the fields ignore rules cover, so that
 * our field manager never takes them over and another manager's values stay as they set them.
 */
public final class IgnoreFilter {
  private static final Object GONE = new Object();

  private IgnoreFilter() {}

  /**
   * The desired object without ignored fields: those a pointer rule covers, and those an ignored
   * field manager owns in the live object. Returns {@code desired} itself when nothing is ignored.
   *
   * <p>Map-list items are matched with the live object's managedFields on their keys as the API
   * server has them: computed on a copy of the desired object normalized as the differ does it
   * (the options' normalizers, then custom resources' schema defaults), so a declared port
   * {@code {containerPort: 8080}} is the server's {@code containerPort=8080, protocol=TCP}. Only
   * the keys come from that copy: the object returned holds declared fields only.
   *
   * @param live the live object, for field manager rules; empty when it does not exist yet
   * @param schema list merge keys, to match map list items with managedFields; schema defaults
   */
  public static Manifest stripIgnored(Manifest desired, Optional<LiveObject> live, DiffOptions options,
      SchemaTable schema) {
    List<List<String>> patterns = new ArrayList<>();
    List<Owners.Ignorable> managed = new ArrayList<>();
    Owners owners = Owners.of(live.orElse(null));
    for (IgnoreRule rule : options.ignoreRules()) {
      if (!rule.appliesTo(desired.key())) {
        continue;
      }
      if (!rule.pointer().isEmpty()) {
        patterns.add(rule.segments());
      } else {
        Owners.Ignorable fields = owners.ignorable(rule.manager());
        if (!fields.members().isEmpty()) {
          managed.add(fields);
        }
      }
    }
    if (patterns.isEmpty() && managed.isEmpty()) {
      return desired;
    }
    Walk walk = new Walk(schema, desired.key().group(), desired.key().kind(), patterns, managed);
    Map<String, Object> normalized = managed.isEmpty() ? Map.of() : normalized(desired, options, schema);
    Map<String, Object> out = new LinkedHashMap<>();
    desired.object().forEach((k, v) -> {
      boolean identity = k.equals("apiVersion") || k.equals("kind");
      Object kept = identity ? v
          : walk.value(v, normalized.get(k), FieldPath.ROOT.field(k), List.of(k), Pointers.child("", k), false);
      if (kept != GONE) {
        out.put(k, kept);
      }
    });
    // Keep the identity even if a rule covers all of metadata.
    Map<String, Object> meta = Trees.map(out.computeIfAbsent("metadata", k -> new LinkedHashMap<>()));
    meta.put("name", desired.name());
    if (!desired.namespace().isEmpty()) {
      meta.put("namespace", desired.namespace());
    }
    return desired.withObject(out);
  }

  /** The desired tree with what the differ fills in: where the server's map-list keys come from. */
  private static Map<String, Object> normalized(Manifest desired, DiffOptions options, SchemaTable schema) {
    Map<String, Object> tree = ObjectTree.thaw(desired.object());
    for (Normalizer n : options.normalizers()) {
      n.normalize(desired.key(), tree, (p, r) -> { });
    }
    SchemaDefaults.fill(desired.key(), tree, schema, (p, r) -> { });
    return tree;
  }

  /**
   * Ignore rules by manager take out what the diff leaves out (see {@link Owners.Ignorable}):
   * what the manager owns whole, a value compared whole that it owns at all, never the key fields
   * of a map-list item (without them the item could not be applied).
   */
  private record Walk(SchemaTable schema, String group, String kind, List<List<String>> patterns,
      List<Owners.Ignorable> managed) {

    /**
     * @param v the declared value, what is kept of it is returned
     * @param n its counterpart in the normalized tree, for map-list keys; null where there is none
     * @param keyField whether {@code v} is a key field of a map-list item
     */
    Object value(Object v, Object n, FieldPath path, List<String> sp, String pointer, boolean keyField) {
      return value(v, n, path, sp, pointer, keyField, List.of());
    }

    private Object value(Object v, Object n, FieldPath path, List<String> sp, String pointer, boolean keyField,
        List<String> itemKeys) {
      for (List<String> p : patterns) {
        if (Pointers.covers(p, pointer)) {
          return GONE;
        }
      }
      if (!keyField && !managed.isEmpty()) {
        boolean whole = itemKeys.isEmpty() && Comparison.comparedWhole(schema, group, kind, v, sp);
        for (Owners.Ignorable f : managed) {
          if (f.covers(path, whole)) {
            return GONE;
          }
        }
      }
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> {
          String name = String.valueOf(k);
          List<String> csp = new ArrayList<>(sp);
          csp.add(name);
          Object kept = value(x, n instanceof Map<?, ?> nm ? nm.get(name) : null, path.field(name), csp,
              Pointers.child(pointer, name), itemKeys.contains(name));
          if (kept != GONE) {
            out.put(name, kept);
          }
        });
        return out.isEmpty() && !m.isEmpty() ? GONE : out;
      }
      if (v instanceof List<?> l) {
        ListType type = schema.listType(group, kind, sp);
        // Normalizers fill items in, never add or remove any: the same index is the same item.
        List<?> nl = n instanceof List<?> list && list.size() == l.size() ? list : null;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
          Object item = l.get(i);
          Object ni = nl == null ? null : nl.get(i);
          PathElement element = switch (type.kind()) {
            case SET -> new PathElement.Value(item);
            case MAP -> ni instanceof Map<?, ?> nm ? PathElement.Key.of(nm, type.keys())
                : item instanceof Map<?, ?> im ? PathElement.Key.of(im, type.keys()) : null;
            default -> null;
          };
          if (element == null) {
            // Atomic: items are not separately addressable by managers, only by pointers.
            Object kept = pointerOnly(item, Pointers.child(pointer, i));
            if (kept != GONE) {
              out.add(kept);
            }
            continue;
          }
          Object kept = value(item, ni, path.child(element), sp, Pointers.child(pointer, i), false,
              type.kind() == ListType.Kind.MAP ? type.keys() : List.of());
          if (kept != GONE) {
            out.add(kept);
          }
        }
        return out.isEmpty() && !l.isEmpty() ? GONE : out;
      }
      return v;
    }

    private Object pointerOnly(Object v, String pointer) {
      for (List<String> p : patterns) {
        if (Pointers.covers(p, pointer)) {
          return GONE;
        }
      }
      return v;
    }
  }
}
