package dev.gitops.cli;

import dev.gitops.model.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints rendered objects as YAML documents or as one JSON {@code v1 List}, optionally with provenance. */
final class ManifestPrinter {
  private final boolean showSource;

  ManifestPrinter(boolean showSource) {
    this.showSource = showSource;
  }

  /**
   * The objects as YAML documents separated by {@code ---}; with provenance, each document
   * starts with a {@code # source: FILE:LINE} comment.
   */
  String yaml(List<Manifest> objects) {
    StringBuilder b = new StringBuilder();
    for (Manifest m : objects) {
      if (!b.isEmpty()) {
        b.append("---\n");
      }
      if (showSource) {
        b.append("# source: ").append(m.source()).append('\n');
      }
      b.append(Serialization.yaml(m.object()));
    }
    return b.toString();
  }

  /**
   * The objects as a {@code v1 List}, which kubectl reads; with provenance, each item gets a
   * last field {@code source} ({@code path}, {@code line}, {@code via}).
   */
  String json(List<Manifest> objects) {
    List<Object> items = new ArrayList<>();
    for (Manifest m : objects) {
      if (showSource) {
        Map<String, Object> item = new LinkedHashMap<>(m.object());
        item.put("source", Views.source(m.source()));
        items.add(item);
      } else {
        items.add(m.object());
      }
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", items);
    return Serialization.json(list);
  }
}
