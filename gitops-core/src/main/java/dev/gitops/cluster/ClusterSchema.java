package dev.gitops.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory cluster's schema: the table of built-in kinds, and for each custom resource kind
 * the table its CustomResourceDefinition's schema yields. Thread-safe. Package-private.
 */
final class ClusterSchema implements SchemaTable {
  private final SchemaTable builtIn;
  private final Map<String, SchemaTable> custom = new ConcurrentHashMap<>();

  ClusterSchema(SchemaTable builtIn) {
    this.builtIn = builtIn;
  }

  void put(String group, String kind, SchemaTable table) {
    custom.put(SchemaModel.kindKey(group, kind), table);
  }

  void remove(String group, String kind) {
    custom.remove(SchemaModel.kindKey(group, kind));
  }

  private SchemaTable forKind(String group, String kind) {
    // Most clusters' objects are built-in kinds: no key to spell when there are no custom ones.
    return custom.isEmpty() ? builtIn : custom.getOrDefault(SchemaModel.kindKey(group, kind), builtIn);
  }

  @Override
  public ListType listType(String group, String kind, List<String> path) {
    return forKind(group, kind).listType(group, kind, path);
  }

  @Override
  public boolean isAtomicMap(String group, String kind, List<String> path) {
    return forKind(group, kind).isAtomicMap(group, kind, path);
  }

  @Override
  public Map<String, Object> defaults(String group, String kind, List<String> path) {
    SchemaTable table = forKind(group, kind);
    return table == builtIn ? BuiltInDefaults.keyDefaults(builtIn, group, kind, path)
        : table.defaults(group, kind, path);
  }

  @Override
  public boolean hasDefaults(String group, String kind) {
    SchemaTable table = forKind(group, kind);
    return table == builtIn ? BuiltInDefaults.hasKeyDefaults(builtIn, group, kind) : table.hasDefaults(group, kind);
  }

  @Override
  public boolean hasDefaultsBelow(String group, String kind, List<String> path) {
    SchemaTable table = forKind(group, kind);
    return table == builtIn ? BuiltInDefaults.hasKeyDefaultsBelow(builtIn, group, kind, path)
        : table.hasDefaultsBelow(group, kind, path);
  }

  @Override
  public boolean isNullable(String group, String kind, List<String> path) {
    return forKind(group, kind).isNullable(group, kind, path);
  }

  @Override
  public boolean hasNullables(String group, String kind) {
    return forKind(group, kind).hasNullables(group, kind);
  }
}
