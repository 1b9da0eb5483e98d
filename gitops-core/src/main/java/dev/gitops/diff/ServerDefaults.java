package dev.gitops.diff;

import dev.gitops.cluster.BuiltInDefaults;
import dev.gitops.cluster.ServerDefault;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Normalizer} filling in {@link ServerDefault}s where absent, on both sides of a diff. */
final class ServerDefaults implements ScopedNormalizer {
  /** By {@code group/Kind}, then by location (in table order), the defaults there. */
  private final Map<String, Map<List<String>, List<ServerDefault>>> byKind = new HashMap<>();

  /** Whether the table is the built-in one ({@link BuiltInDefaults#table()}), which {@link DirectCheck} reads. */
  final boolean builtIn;

  ServerDefaults(List<ServerDefault> table) {
    this.builtIn = table == BuiltInDefaults.table();
    for (ServerDefault d : table) {
      for (String gk : d.kinds()) {
        byKind.computeIfAbsent(gk, k -> new LinkedHashMap<>())
            .computeIfAbsent(d.location(), k -> new ArrayList<>()).add(d);
      }
    }
  }

  @Override
  public void normalize(ObjectKey key, Map<String, Object> object, Filled filled) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    if (locations == null) {
      return;
    }
    // The differ's own collector takes object paths: no pointer spelled unless it keeps them.
    BuiltInDefaults.Filled report = filled instanceof FilledFields f ? (path, fact) -> f.at(path, fact.description())
        : (path, fact) -> filled.filled(FilledFields.pointer(path), fact.description());
    BuiltInDefaults.fillAll(object, locations, report);
  }

  @Override
  public void modifiedMaps(ObjectKey key, java.util.function.Consumer<List<String>> out) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    if (locations != null) {
      locations.keySet().forEach(out);
    }
  }

  /**
   * What {@link #normalize} fills into a value it has just filled in as {@code field} of {@code
   * holder}, a map at {@code location}: the defaults of the locations below that field which come
   * later in table order (earlier ones have found nothing there), applied in order.
   *
   * @param holder a map holding the filled value, mutable along it
   */
  void fillBelow(ObjectKey key, List<String> location, String field, Map<String, Object> holder) {
    fillBelow(key, location, field, holder, false);
  }

  /**
   * What {@link #normalize} fills into a value that {@code holder}, a map at {@code location},
   * declares as {@code field}: the defaults of every location below that field, applied in order.
   */
  void fillDeclared(ObjectKey key, List<String> location, String field, Map<String, Object> holder) {
    fillBelow(key, location, field, holder, true);
  }

  private void fillBelow(ObjectKey key, List<String> location, String field, Map<String, Object> holder,
      boolean all) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    if (locations == null) {
      return;
    }
    boolean after = all;
    for (Map.Entry<List<String>, List<ServerDefault>> e : locations.entrySet()) {
      List<String> at = e.getKey();
      if (!after) {
        after = at.size() == location.size() && startsWith(at, location);
      } else if (at.size() > location.size() && at.get(location.size()).equals(field) && startsWith(at, location)) {
        BuiltInDefaults.fillAt(holder, at.subList(location.size(), at.size()), e.getValue(), null);
      }
    }
  }

  /** Whether any location of the defaults of objects like {@code key} is at or below {@code path}. */
  boolean hasLocationAtOrBelow(ObjectKey key, List<String> path) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    if (locations != null) {
      for (List<String> at : locations.keySet()) {
        if (at.size() >= path.size() && startsWith(at, path)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(List<String> path, List<String> prefix) {
    for (int i = 0; i < prefix.size(); i++) {
      if (!path.get(i).equals(prefix.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The defaults for objects like {@code key} at a location, in the order {@link #normalize} applies them. */
  List<ServerDefault> at(ObjectKey key, List<String> location) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    List<ServerDefault> out = locations == null ? null : locations.get(location);
    return out == null ? List.of() : out;
  }
}
