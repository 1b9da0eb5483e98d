package dev.gitops.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kustomize's sortOptions (legacy by default, or fifo), read from the built root only; package-private. */
final class Sorting {
  private Sorting() {}

  static List<KObject> sort(Kustomization root, List<KObject> objects) {
    Map<String, Object> options = root.map("sortOptions");
    Object order = options.getOrDefault("order", "legacy");
    List<KObject> out = new ArrayList<>(objects);
    if ("fifo".equals(order)) {
      if (options.get("legacySortOptions") != null) {
        throw new KustomizeException(root.file(), "sortOptions.legacySortOptions is set but the order is fifo");
      }
      return out;
    }
    if (!"legacy".equals(order)) {
      throw new KustomizeException(root.file(), "sortOptions.order must be legacy or fifo, was " + order);
    }
    LegacyOrder comparator = LegacyOrder.defaults();
    if (options.get("legacySortOptions") != null) {
      Map<String, Object> legacy = root.asMap(options.get("legacySortOptions"), "sortOptions.legacySortOptions");
      List<String> first = legacy.get("orderFirst") == null ? List.of()
          : root.stringList(legacy.get("orderFirst"), "orderFirst");
      List<String> last = legacy.get("orderLast") == null ? List.of()
          : root.stringList(legacy.get("orderLast"), "orderLast");
      comparator = new LegacyOrder(first, last);
    }
    return comparator.sort(out);
  }
}
