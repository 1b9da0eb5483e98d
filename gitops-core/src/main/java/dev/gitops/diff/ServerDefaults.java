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
    if (locations != null) {
      locations.forEach((location, defaults) -> BuiltInDefaults.fillAt(object, location, defaults,
          (path, fact) -> filled.filled(pointer(path), fact.description())));
    }
  }

  private static String pointer(List<Object> path) {
    StringBuilder out = new StringBuilder(path.size() * 12);
    for (Object step : path) {
      out.append('/').append(step instanceof String field ? Pointers.escape(field) : step);
    }
    return out.toString();
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
