package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SchemaTable} made of named types, the shape both the bundled built-in table and the
 * OpenAPI loader produce. A path is resolved from the kind's root type field by field; list items
 * are not part of a path, so a list field's type is the type of its items. Package-private.
 */
final class SchemaModel implements SchemaTable {
  private final Map<String, TypeDef> types;
  private final Map<String, String> kinds;
  private final String defaultKindType;

  /**
   * A field of a type.
   *
   * @param list how the field merges if it is a list; null when it is not a list or not described
   * @param atomicMap whether the map value (or each map item, for a list) is replaced whole
   * @param type the named type of the value (of each item, for a list); null when not described
   * @param defaultValue the schema's default of the field, immutable; null for none
   * @param nullable whether a {@code null} value of the field is kept (the schema says
   *     {@code nullable: true}) rather than dropped before defaulting
   */
  record FieldDef(ListType list, boolean atomicMap, String type, Object defaultValue, boolean nullable) {
    FieldDef(ListType list, boolean atomicMap, String type) {
      this(list, atomicMap, type, null, false);
    }
  }

  /**
   * A map or struct type.
   *
   * @param fields its declared fields
   * @param other the field definition of undeclared keys (additionalProperties); null if none
   * @param atomic whether values of this type are replaced whole
   * @param defaults the defaults of its declared fields, by field name
   */
  record TypeDef(Map<String, FieldDef> fields, FieldDef other, boolean atomic, Map<String, Object> defaults) {
    TypeDef {
      fields = Map.copyOf(fields);
      // In schema order, so that filled fields come out in the same order on every run.
      defaults = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(defaults));
    }

    TypeDef(Map<String, FieldDef> fields, FieldDef other, boolean atomic) {
      this(fields, other, atomic, defaultsOf(fields));
    }

    private static Map<String, Object> defaultsOf(Map<String, FieldDef> fields) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      fields.forEach((name, f) -> {
        if (f.defaultValue() != null) {
          out.put(name, f.defaultValue());
        }
      });
      return out;
    }
  }

  /**
   * @param types named types
   * @param kinds {@link #kindKey} to the name of the kind's root type
   * @param defaultKindType root type of kinds not in {@code kinds}; null for none
   */
  SchemaModel(Map<String, TypeDef> types, Map<String, String> kinds, String defaultKindType) {
    this.types = Map.copyOf(types);
    this.kinds = Map.copyOf(kinds);
    this.defaultKindType = defaultKindType;
  }

  /** The last kind resolved and its root type: diffs ask about one kind many times in a row. */
  private record LastKind(String group, String kind, String root) {}

  private volatile LastKind lastKind;

  private String rootType(String group, String kind) {
    LastKind last = lastKind;
    if (last != null && java.util.Objects.equals(last.kind(), kind)
        && java.util.Objects.equals(last.group(), group)) {
      return last.root();
    }
    String root = kinds.getOrDefault(kindKey(group, kind), defaultKindType);
    lastKind = new LastKind(group, kind, root);
    return root;
  }

  /** By root type: whether a field of it or of a type below it has a default. */
  private final Map<String, Boolean> rootsWithDefaults = new java.util.concurrent.ConcurrentHashMap<>();
  /** By root type: whether a field of it or of a type below it is nullable. */
  private final Map<String, Boolean> rootsWithNullables = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public boolean hasDefaults(String group, String kind) {
    return reaches(group, kind, rootsWithDefaults, f -> f.defaultValue() != null);
  }

  @Override
  public boolean hasNullables(String group, String kind) {
    return reaches(group, kind, rootsWithNullables, FieldDef::nullable);
  }

  /** Whether a field of the kind's root type or of a type below it passes {@code test}; memoized per root. */
  private boolean reaches(String group, String kind, Map<String, Boolean> memo,
      java.util.function.Predicate<FieldDef> test) {
    String root = rootType(group, kind);
    return root != null && memo.computeIfAbsent(root, r -> reaches(r, test, new java.util.HashSet<>()));
  }

  private boolean reaches(String typeName, java.util.function.Predicate<FieldDef> test, java.util.Set<String> seen) {
    TypeDef t = types.get(typeName);
    if (t == null || !seen.add(typeName)) {
      return false;
    }
    java.util.List<FieldDef> fields = new java.util.ArrayList<>(t.fields().values());
    if (t.other() != null) {
      fields.add(t.other());
    }
    for (FieldDef f : fields) {
      if (test.test(f) || f.type() != null && reaches(f.type(), test, seen)) {
        return true;
      }
    }
    return false;
  }

  static String kindKey(String group, String kind) {
    return group + "/" + kind;
  }

  /** Whether the table describes the kind itself (not only through its default). */
  boolean describes(String group, String kind) {
    return kinds.containsKey(kindKey(group, kind));
  }

  Optional<TypeDef> type(String name) {
    return Optional.ofNullable(types.get(name));
  }

  @Override
  public ListType listType(String group, String kind, List<String> path) {
    FieldDef f = resolve(group, kind, path);
    return f == null || f.list() == null ? ListType.atomic() : f.list();
  }

  @Override
  public boolean isAtomicMap(String group, String kind, List<String> path) {
    if (path.isEmpty()) {
      return false;
    }
    FieldDef f = resolve(group, kind, path);
    if (f == null) {
      return false;
    }
    TypeDef t = f.type() == null ? null : types.get(f.type());
    return f.atomicMap() || (t != null && t.atomic());
  }

  @Override
  public Map<String, Object> defaults(String group, String kind, List<String> path) {
    if (!hasDefaults(group, kind)) {
      return Map.of(); // no path to resolve on every apply and diff of kinds without any
    }
    TypeDef t;
    if (path.isEmpty()) {
      String root = rootType(group, kind);
      t = root == null ? null : types.get(root);
    } else {
      FieldDef f = resolve(group, kind, path);
      t = f == null || f.type() == null ? null : types.get(f.type());
    }
    return t == null ? Map.of() : t.defaults();
  }

  @Override
  public boolean isNullable(String group, String kind, List<String> path) {
    if (path.isEmpty()) {
      return false;
    }
    FieldDef f = resolve(group, kind, path);
    return f != null && f.nullable();
  }

  /**
   * Paths resolved before, by root type and path: a diff asks about the same few paths of a kind
   * for every object (is this map atomic, what list is this), and walking the types from the root
   * each time was a noticeable part of it. A fixed-size, lossy table, unsynchronized on purpose (a
   * slot holds one immutable entry or none); found and compared without an iterator, since this
   * runs per map and list of every diff. The model is immutable, so an answer never goes stale.
   */
  private final Resolved[] resolved = new Resolved[1 << 10];

  private record Resolved(String root, List<String> path, int hash, @Nullable FieldDef field) {}

  private @Nullable FieldDef resolve(String group, String kind, List<String> path) {
    requireNonNull(path, "path");
    String root = rootType(group, kind);
    if (root == null) {
      return null;
    }
    int h = root.hashCode();
    for (int i = 0, n = path.size(); i < n; i++) {
      String step = path.get(i);
      h = 31 * h + (step == null ? 0 : step.hashCode());
    }
    int slot = (h ^ (h >>> 16)) & (resolved.length - 1);
    Resolved r = resolved[slot];
    if (r != null && r.hash() == h && r.root().equals(root) && samePath(r.path(), path)) {
      return r.field();
    }
    FieldDef f = walk(root, path);
    if (noNulls(path)) {
      resolved[slot] = new Resolved(root, List.copyOf(path), h, f); // callers may reuse a mutable path
    }
    return f;
  }

  private static boolean samePath(List<String> a, List<String> b) {
    if (a == b) {
      return true;
    }
    int n = a.size();
    if (b.size() != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean noNulls(List<String> path) {
    for (int i = 0, n = path.size(); i < n; i++) {
      if (path.get(i) == null) {
        return false;
      }
    }
    return true;
  }

  private FieldDef walk(String root, List<String> path) {
    TypeDef t = types.get(root);
    FieldDef f = null;
    for (int i = 0, n = path.size(); i < n; i++) { // no iterator: this runs per map and list of every diff
      String name = path.get(i);
      if (t == null) {
        return null;
      }
      f = t.fields().get(name);
      if (f == null) {
        f = t.other();
      }
      if (f == null) {
        return null;
      }
      t = f.type() == null ? null : types.get(f.type());
    }
    return f;
  }
}
