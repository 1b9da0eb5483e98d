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

  ServerDefaults(List<ServerDefault> table) {
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

  /** The defaults for objects like {@code key} at a location, in the order {@link #normalize} applies them. */
  List<ServerDefault> at(ObjectKey key, List<String> location) {
    Map<List<String>, List<ServerDefault>> locations = byKind.get(key.group() + "/" + key.kind());
    List<ServerDefault> out = locations == null ? null : locations.get(location);
    return out == null ? List.of() : out;
  }
}
