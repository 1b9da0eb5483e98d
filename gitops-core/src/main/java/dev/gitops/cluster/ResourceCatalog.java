package dev.gitops.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discovery: the built-in kinds from {@code builtin-resources.json} and the kinds established
 * CustomResourceDefinitions add. Thread-safe. Package-private.
 */
final class ResourceCatalog {
  private final Map<String, KindInfo> kinds = new ConcurrentHashMap<>();

  static ResourceCatalog builtIn() {
    ResourceCatalog catalog = new ResourceCatalog();
    for (Object o : (List<?>) Json.resource("builtin-resources.json").get("resources")) {
      Map<?, ?> r = (Map<?, ?>) o;
      String version = (String) r.get("version");
      ResourceType type = new ResourceType((String) r.get("group"), version, (String) r.get("kind"),
          (String) r.get("plural"), Boolean.TRUE.equals(r.get("namespaced")));
      catalog.put(new KindInfo(type, Set.of(version), Names.Rule.parse((String) r.get("name")),
          Boolean.TRUE.equals(r.get("generation")),
          Boolean.TRUE.equals(r.get("status")) ? Set.of(version) : Set.of(), ""));
    }
    return catalog;
  }

  Optional<KindInfo> find(String group, String kind) {
    return Optional.ofNullable(kinds.get(SchemaModel.kindKey(group, kind)));
  }

  void put(KindInfo info) {
    kinds.put(SchemaModel.kindKey(info.group(), info.kind()), info);
  }

  void remove(String group, String kind) {
    kinds.remove(SchemaModel.kindKey(group, kind));
  }

  List<ResourceType> types() {
    List<ResourceType> out = new ArrayList<>();
    kinds.values().forEach(k -> out.add(k.type()));
    out.sort(Comparator.comparing(ResourceType::group).thenComparing(ResourceType::kind));
    return List.copyOf(out);
  }
}
