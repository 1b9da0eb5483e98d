package dev.gitops.cluster;

import java.util.List;
import java.util.Map;

/**
 * Structural facts about fields that merging and diffing need: how each list merges (atomic, as a
 * set, or as a map keyed by some of its items' fields) and which maps are atomic. Keyed by group,
 * kind and a path of field names from the object root (list items are not part of the path:
 * {@code [spec, template, spec, containers, ports]}).
 */
public interface SchemaTable {

  /** How the list at a path merges; {@link ListType#atomic()} when the table does not know it. */
  ListType listType(String group, String kind, List<String> path);

  /**
   * Whether the map at a path is replaced as a whole rather than merged key by key. For a path to a
   * list of maps the answer is about each item.
   */
  boolean isAtomicMap(String group, String kind, List<String> path);

  /**
   * The {@code default} values a custom resource's structural schema gives the fields of the
   * object at a path (of each item, for a path to a list of objects), by field name: what the API
   * server fills in where such a field is absent ({@link SchemaDefaulter} does it alike). Empty when there are none, for kinds Kubernetes
   * itself serves (their defaults are not in their schema tables), and where the table does not
   * know the path. The values are shared: read them, never modify them.
   */
  default Map<String, Object> defaults(String group, String kind, List<String> path) {
    return Map.of();
  }

  /**
   * Whether {@link #defaults} may be non-empty anywhere in objects of the kind; false lets a
   * caller skip walking them. True unless the table knows better.
   */
  default boolean hasDefaults(String group, String kind) {
    return true;
  }

  /**
   * Whether {@link #defaults} may be non-empty at a path or at any path below it; false lets a
   * caller skip walking that part of an object. {@link #hasDefaults} unless the table knows better.
   */
  default boolean hasDefaultsBelow(String group, String kind, List<String> path) {
    return hasDefaults(group, kind);
  }

  /**
   * Whether the field at a path (field names from the object root, list items not part of it, the
   * field's own name last) keeps a {@code null} value: a custom resource's structural schema says
   * {@code nullable: true} for it. The API server drops other fields' {@code null}s before it
   * defaults, so those fields get their default back; a nullable field's {@code null} is stored,
   * not defaulted. False for kinds Kubernetes itself serves, for the empty path, and where the
   * table does not know the path.
   */
  default boolean isNullable(String group, String kind, List<String> path) {
    return false;
  }

  /**
   * Whether {@link #isNullable} may be true anywhere in objects of the kind; false lets a caller
   * drop every {@code null} without asking field by field. False unless the table knows better.
   */
  default boolean hasNullables(String group, String kind) {
    return false;
  }

  /**
   * The facts of Kubernetes' built-in kinds that the SDK bundles (pod template containers, ports,
   * env and volumes by their keys, finalizers as a set, owner references by uid, label selectors
   * atomic, ...). Every kind, custom ones included, gets the {@code metadata} facts.
   */
  static SchemaTable builtIn() {
    return BuiltinSchema.model();
  }

  /**
   * A table read from Kubernetes OpenAPI v3 documents, for example the parsed JSON of each
   * {@code /openapi/v3/apis/<group>/<version>} of a real API server. Kinds come from
   * {@code x-kubernetes-group-version-kind}; when several documents describe a kind, the version
   * Kubernetes prefers wins. The table has no {@link #defaults}: built-in kinds' documents declare
   * zero values as defaults, which the differ's own defaults table covers as far as they matter.
   *
   * @throws IllegalArgumentException if a document has no {@code components.schemas}
   */
  static SchemaTable fromOpenApiV3(List<? extends Map<String, ?>> documents) {
    return OpenApiSchemaLoader.fromDocuments(documents);
  }
}
