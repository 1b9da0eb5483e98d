package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges an applied configuration into a live object as server-side apply does: maps key by key
 * (atomic ones replaced), map lists item by item on their keys, sets by value, atomic lists
 * replaced. Live items keep their order; new items follow in the configuration's order. A granular
 * list applied empty leaves the live items, as structured-merge-diff does. Package-private.
 */
final class ObjectMerger {
  private final SchemaTable schema;
  private final String group;
  private final String kind;

  ObjectMerger(SchemaTable schema, String group, String kind) {
    this.schema = schema;
    this.group = group;
    this.kind = kind;
  }

  /** A new mutable tree: {@code live} (may be null) with {@code config} merged in. */
  Map<String, Object> merge(Map<String, ?> live, Map<String, ?> config) {
    return live == null ? Trees.copyMap(config) : mergeMap(live, config, List.of());
  }

  @SuppressWarnings("unchecked")
  private Object mergeValue(Object live, Object config, List<String> path) {
    if (live instanceof Map<?, ?> lm && config instanceof Map<?, ?> cm) {
      return schema.isAtomicMap(group, kind, path)
          ? Trees.copy(cm)
          : mergeMap((Map<String, ?>) lm, (Map<String, ?>) cm, path);
    }
    if (live instanceof List<?> ll && config instanceof List<?> cl) {
      return mergeList(ll, cl, path);
    }
    return Trees.copy(config);
  }

  private Map<String, Object> mergeMap(Map<String, ?> live, Map<String, ?> config, List<String> path) {
    Map<String, Object> out = new LinkedHashMap<>();
    live.forEach((k, v) -> out.put(k, config.containsKey(k)
        ? mergeValue(v, config.get(k), FieldWalker.append(path, k))
        : Trees.copy(v)));
    config.forEach((k, v) -> {
      if (!live.containsKey(k)) {
        out.put(k, Trees.copy(v));
      }
    });
    return out;
  }

  private List<Object> mergeList(List<?> live, List<?> config, List<String> path) {
    ListType type = schema.listType(group, kind, path);
    if (type.kind() == ListType.Kind.ATOMIC || (live.isEmpty() && config.isEmpty())) {
      return copyList(config);
    }
    if (config.isEmpty()) {
      return copyList(live);
    }
    List<Object> out = new ArrayList<>();
    if (type.kind() == ListType.Kind.SET) {
      out.addAll(live);
      for (Object item : config) {
        if (!out.contains(item)) {
          out.add(item);
        }
      }
      return out;
    }
    Map<String, Object> defaults = schema.defaults(group, kind, path);
    Map<PathElement.Key, Object> configItems = new LinkedHashMap<>();
    for (Object item : config) {
      if (!(item instanceof Map<?, ?> m)) {
        return copyList(config); // not a map list after all; the walker reports it
      }
      configItems.put(PathElement.Key.of(m, type.keys(), defaults), item);
    }
    for (Object item : live) {
      Object match = item instanceof Map<?, ?> m ? configItems.remove(PathElement.Key.of(m, type.keys(), defaults)) : null;
      out.add(match == null ? Trees.copy(item) : mergeValue(item, match, path));
    }
    configItems.values().forEach(item -> out.add(Trees.copy(item)));
    return out;
  }

  private static List<Object> copyList(List<?> l) {
    List<Object> out = new ArrayList<>(l.size());
    l.forEach(x -> out.add(Trees.copy(x)));
    return out;
  }
}
