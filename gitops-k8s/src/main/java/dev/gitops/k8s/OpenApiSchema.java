package dev.gitops.k8s;

import dev.gitops.cluster.ListType;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.JacksonVersions;
import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link SchemaTable} read from the API server's OpenAPI v3 documents, one per group-version
 * ({@code GET /openapi/v3} lists them). Looks up the kind's schema in the document of its
 * preferred version and walks the path through properties, list items, map values and
 * {@code $ref}/{@code allOf} references, reading Kubernetes' extensions:
 * {@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys} and
 * {@code x-kubernetes-map-type}. A list without a list type merges the way server-side apply
 * treats it: as a map keyed by {@code x-kubernetes-patch-merge-key} when its patch strategy is
 * {@code merge}, as a set when the strategy is {@code merge} without a key, else atomically.
 *
 * <p>{@link #defaults} reads the {@code default}s of custom resources' schemas, which the server
 * fills in; not those of the groups Kubernetes serves itself ({@link #BUILT_IN_GROUPS}), whose
 * documents give Go zero values ({@code default: {}}) as defaults. Likewise {@link #isNullable}
 * reads custom resources' {@code nullable: true}s only: the servers of built-in kinds drop nulls.
 *
 * <p>Documents are fetched when first needed and parsed once; {@link Documents} caches them by
 * their server-relative URL, which carries a content hash, so a changed CRD schema is fetched
 * anew and an unchanged one is not.
 */
final class OpenApiSchema implements SchemaTable {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  /** Guards against reference cycles (JSONSchemaProps refers to itself). */
  private static final int MAX_DEPTH = 64;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The API groups of kube-apiserver itself; kinds of other groups are custom resources. */
  static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "extensions",
      "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
      "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
      "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
      "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
      "storagemigration.k8s.io");

  /** The parsed documents of one API server, by server-relative URL. */
  interface Documents {
    /** The parsed document at a server-relative URL (the index's {@code serverRelativeURL}). */
    Document get(String serverRelativeUrl);
  }

  /** One group-version document with its kinds' root schemas indexed. */
  static final class Document {
    private final JsonNode schemas;
    private final Map<String, JsonNode> roots = new HashMap<>();
    /** Defaults by schema node (identity): asked for at every map of every object diffed. */
    private final Map<JsonNode, Map<String, Object>> defaults =
        java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    Document(JsonNode document) {
      this.schemas = document.path("components").path("schemas");
      for (Map.Entry<String, JsonNode> e : schemas.properties()) {
        for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
          roots.put(gvk(gvk.path("group").asString(""), gvk.path("version").asString(""),
              gvk.path("kind").asString("")), e.getValue());
        }
      }
    }

    JsonNode root(String group, String version, String kind) {
      return roots.get(gvk(group, version, kind));
    }

    /** The target of a {@code $ref}, or null. */
    JsonNode ref(JsonNode node) {
      JsonNode ref = node.get("$ref");
      if (ref == null || !ref.isString()) {
        return null;
      }
      String name = ref.asString();
      return schemas.get(name.substring(name.lastIndexOf('/') + 1));
    }

    private static String gvk(String group, String version, String kind) {
      return group + "/" + version + "/" + kind;
    }
  }

  private final Map<String, String> index;
  private final Documents documents;
  private final BiFunction<String, String, Optional<String>> preferredVersion;

  /**
   * @param index the {@code paths} of {@code /openapi/v3}: {@code api/v1} or
   *     {@code apis/<group>/<version>} to the document's server-relative URL
   * @param preferredVersion the version discovery serves a group and kind in
   */
  OpenApiSchema(Map<String, String> index, Documents documents,
      BiFunction<String, String, Optional<String>> preferredVersion) {
    this.index = Map.copyOf(index);
    this.documents = documents;
    this.preferredVersion = preferredVersion;
  }

  /** The {@code paths} of an OpenAPI v3 index document. */
  static Map<String, String> index(JsonNode root) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("paths").properties()) {
      String url = e.getValue().path("serverRelativeURL").asString("");
      if (!url.isEmpty()) {
        out.put(e.getKey(), url);
      }
    }
    return out;
  }

  @Override
  public ListType listType(String group, String kind, List<String> path) {
    return find(group, kind, path).map(n -> listType(n.doc(), n.node())).orElse(ListType.atomic());
  }

  @Override
  public boolean isAtomicMap(String group, String kind, List<String> path) {
    return find(group, kind, path)
        .map(n -> "atomic".equals(extension(n.doc(), n.node(), "x-kubernetes-map-type", 0)))
        .orElse(false);
  }

  @Override
  public boolean hasDefaults(String group, String kind) {
    return !BUILT_IN_GROUPS.contains(group);
  }

  @Override
  public Map<String, Object> defaults(String group, String kind, List<String> path) {
    if (BUILT_IN_GROUPS.contains(group)) {
      return Map.of();
    }
    return find(group, kind, path).map(n -> {
      Map<String, Object> known = n.doc().defaults.get(n.node());
      if (known == null) {
        known = defaultsOf(n.doc(), items(n.doc(), n.node()));
        n.doc().defaults.put(n.node(), known);
      }
      return known;
    }).orElse(Map.of());
  }

  @Override
  public boolean hasNullables(String group, String kind) {
    return !BUILT_IN_GROUPS.contains(group);
  }

  @Override
  public boolean isNullable(String group, String kind, List<String> path) {
    if (path.isEmpty() || BUILT_IN_GROUPS.contains(group)) {
      return false;
    }
    return find(group, kind, path).map(n -> member(n.doc(), n.node(), "nullable", 0))
        .map(v -> v.isBoolean() && v.booleanValue())
        .orElse(false);
  }

  private static Map<String, Object> defaultsOf(Document doc, JsonNode node) {
    JsonNode properties = member(doc, node, "properties", 0);
    if (properties == null) {
      return Map.of();
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      JsonNode value = member(doc, p.getValue(), "default", 0);
      if (value != null && !value.isNull()) {
        out.put(p.getKey(), value(value));
      }
    }
    // In schema order, so that filled fields come out in the same order on every run.
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A JSON value as the SDK's object trees hold it: unmodifiable maps and lists, Long or Double. */
  private static Object value(JsonNode node) {
    return ObjectTree.freezeValue(JSON.treeToValue(node, Object.class), SourceLocation.unknown());
  }

  private record Found(Document doc, JsonNode node) {}

  private Optional<Found> find(String group, String kind, List<String> path) {
    Optional<String> version = preferredVersion.apply(group, kind);
    if (version.isEmpty()) {
      return Optional.empty();
    }
    String key = group.isEmpty() ? "api/" + version.get() : "apis/" + group + "/" + version.get();
    String url = index.get(key);
    if (url == null) {
      return Optional.empty();
    }
    Document doc = documents.get(url);
    JsonNode node = doc.root(group, version.get(), kind);
    for (int i = 0; node != null && i < path.size(); i++) {
      node = child(doc, items(doc, node), path.get(i), 0);
    }
    return node == null ? Optional.empty() : Optional.of(new Found(doc, node));
  }

  /** Steps into list items: paths leave them out. */
  private static JsonNode items(Document doc, JsonNode node) {
    JsonNode current = node;
    for (int i = 0; i < MAX_DEPTH; i++) {
      JsonNode items = member(doc, current, "items", 0);
      if (items == null) {
        return current;
      }
      current = items;
    }
    return current;
  }

  /** A named property, or the schema of a map's values when there is no such property. */
  private static JsonNode child(Document doc, JsonNode node, String field, int depth) {
    JsonNode properties = member(doc, node, "properties", depth);
    if (properties != null && properties.get(field) != null) {
      return properties.get(field);
    }
    JsonNode values = member(doc, node, "additionalProperties", depth);
    return values != null && values.isObject() ? values : null;
  }

  /**
   * A keyword of a schema, looking through {@code $ref} and {@code allOf} (OpenAPI v3 wraps a
   * referenced type and its sibling description in {@code allOf}).
   */
  private static JsonNode member(Document doc, JsonNode node, String name, int depth) {
    if (node == null || depth > MAX_DEPTH) {
      return null;
    }
    JsonNode own = node.get(name);
    if (own != null && !own.isNull()) {
      return own;
    }
    JsonNode found = member(doc, doc.ref(node), name, depth + 1);
    if (found != null) {
      return found;
    }
    for (JsonNode part : node.path("allOf")) {
      found = member(doc, part, name, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static String extension(Document doc, JsonNode node, String name, int depth) {
    JsonNode value = member(doc, node, name, depth);
    return value == null ? null : value.asString(null);
  }

  private static ListType listType(Document doc, JsonNode node) {
    if (member(doc, node, "items", 0) == null) {
      return ListType.atomic();
    }
    String type = extension(doc, node, "x-kubernetes-list-type", 0);
    if (type != null) {
      return switch (type) {
        case "set" -> ListType.set();
        case "map" -> mapList(doc, node);
        default -> ListType.atomic();
      };
    }
    String strategy = extension(doc, node, "x-kubernetes-patch-strategy", 0);
    if (strategy != null && List.of(strategy.split(",")).contains("merge")) {
      String key = extension(doc, node, "x-kubernetes-patch-merge-key", 0);
      return key == null || key.isEmpty() ? ListType.set() : ListType.map(key);
    }
    return ListType.atomic();
  }

  private static ListType mapList(Document doc, JsonNode node) {
    List<String> keys = new ArrayList<>();
    JsonNode declared = member(doc, node, "x-kubernetes-list-map-keys", 0);
    if (declared != null) {
      declared.forEach(k -> keys.add(k.asString()));
    }
    if (keys.isEmpty()) {
      String key = extension(doc, node, "x-kubernetes-patch-merge-key", 0);
      if (key == null || key.isEmpty()) {
        return ListType.atomic();
      }
      keys.add(key);
    }
    return new ListType(ListType.Kind.MAP, keys);
  }
}
