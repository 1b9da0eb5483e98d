package dev.gitops.cluster;

import java.util.List;

/**
 * Structural facts about fields that merging and diffing need: how each list merges (atomic, as a
 * set, or as a map keyed by some of its items' fields) and which maps are atomic. Keyed by group,
 * kind and a path of field names from the object root (list items are not part of the path:
 * {@code [spec, template, spec, containers, ports]}).
 */
public interface SchemaTable {

  /** How the list at a path merges; {@link ListType#atomic()} when the table does not know it. */
  ListType listType(String group, String kind, List<String> path);

  /** Whether the map at a path is replaced as a whole rather than merged key by key. */
  boolean isAtomicMap(String group, String kind, List<String> path);
}
