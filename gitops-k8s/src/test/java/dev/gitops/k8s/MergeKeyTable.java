package dev.gitops.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Computes the strategic-merge facts of built-in kinds from an API server's OpenAPI v2 document:
 * for each served kind (by group and kind, versions merged), every list or object field
 * reachable from the kind's root type that carries {@code x-kubernetes-patch-strategy}, by its
 * path of field names, with its {@code x-kubernetes-patch-merge-key} and, when present, its
 * {@code x-kubernetes-list-map-keys}. Renders the table as the bundled
 * {@code builtin-merge-keys.json} of gitops-core.
 */
final class MergeKeyTable {
  private static final String REF_PREFIX = "#/definitions/";

  /** A field's facts as published: strategy, merge key (may be null), list map keys (may be empty). */
  record Fact(String strategy, String key, List<String> listMapKeys) {
    String json() {
      StringBuilder out = new StringBuilder("{\"strategy\": \"" + strategy + "\"");
      if (key != null) {
        out.append(", \"key\": \"").append(key).append('"');
      }
      // kyaml merges by the list map keys when there are several; a single one repeats the merge key.
      if (!listMapKeys.isEmpty() && !listMapKeys.equals(key == null ? List.of() : List.of(key))) {
        out.append(", \"listMapKeys\": [\"").append(String.join("\", \"", listMapKeys)).append("\"]");
      }
      return out.append('}').toString();
    }
  }

  /** group/Kind (core kinds as {@code /Kind}) to path to fact, sorted. */
  private final Map<String, Map<String, Fact>> kinds = new TreeMap<>();
  private final List<String> conflicts = new ArrayList<>();

  private MergeKeyTable() {}

  /**
   * The table of the kinds in {@code servedKinds} (group/version/Kind), from the OpenAPI v2
   * document's definitions.
   */
  static MergeKeyTable of(JsonNode openApiV2, Set<String> servedKinds) {
    MergeKeyTable table = new MergeKeyTable();
    JsonNode definitions = openApiV2.get("definitions");
    for (Map.Entry<String, JsonNode> def : definitions.properties()) {
      for (JsonNode gvk : def.getValue().path("x-kubernetes-group-version-kind")) {
        String group = gvk.get("group").asString();
        String kind = gvk.get("kind").asString();
        if (!servedKinds.contains(group + "/" + gvk.get("version").asString() + "/" + kind)) {
          continue;
        }
        Map<String, Fact> facts = table.kinds.computeIfAbsent(group + "/" + kind, k -> new TreeMap<>());
        Set<String> onPath = new HashSet<>(Set.of(def.getKey()));
        table.walk(definitions, def.getValue(), "", onPath, group + "/" + kind, facts);
      }
    }
    return table;
  }

  /** Paths where two served versions of one kind publish different facts. */
  List<String> conflicts() {
    return conflicts;
  }

  private void walk(JsonNode definitions, JsonNode type, String path, Set<String> onPath, String kind,
      Map<String, Fact> facts) {
    for (Map.Entry<String, JsonNode> property : type.path("properties").properties()) {
      String fieldPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      JsonNode field = property.getValue();
      JsonNode valueType = "array".equals(field.path("type").asString("")) ? field.path("items") : field;
      String ref = valueType.path("$ref").asString("");
      boolean structured = field.has("items") || !ref.isEmpty() || field.has("properties");
      if (structured && field.has("x-kubernetes-patch-strategy")) {
        record(kind, facts, fieldPath, fact(field));
      }
      // Types nest recursively (JSONSchemaProps): a type already on the path adds no new facts.
      if (ref.startsWith(REF_PREFIX)) {
        String name = ref.substring(REF_PREFIX.length());
        if (onPath.add(name)) {
          walk(definitions, definitions.path(name), fieldPath, onPath, kind, facts);
          onPath.remove(name);
        }
      } else if (valueType.has("properties")) {
        walk(definitions, valueType, fieldPath, onPath, kind, facts);
      }
    }
  }

  private static Fact fact(JsonNode field) {
    List<String> listMapKeys = new ArrayList<>();
    field.path("x-kubernetes-list-map-keys").forEach(k -> listMapKeys.add(k.asString()));
    JsonNode key = field.get("x-kubernetes-patch-merge-key");
    return new Fact(field.get("x-kubernetes-patch-strategy").asString(), key == null ? null : key.asString(),
        List.copyOf(listMapKeys));
  }

  private void record(String kind, Map<String, Fact> facts, String path, Fact fact) {
    Fact before = facts.putIfAbsent(path, fact);
    if (before != null && !before.equals(fact)) {
      conflicts.add(kind + " " + path + ": " + before + " vs " + fact);
    }
  }

  /** The table as the bundled file: one kind per object, one field per line, sorted. */
  String render(String kubernetesVersion) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"_comment\": \"Strategic merge facts of the built-in kinds of Kubernetes ")
        .append(kubernetesVersion)
        .append(", as its kube-apiserver publishes them in /openapi/v2 (x-kubernetes-patch-strategy,")
        .append(" x-kubernetes-patch-merge-key, x-kubernetes-list-map-keys), by group/Kind and path of")
        .append(" field names (list items are transparent). Generated by gitops-k8s")
        .append(" BuiltinMergeKeysTest with -Dgitops.regenerate=true; do not edit.\",\n");
    out.append("  \"kubernetesVersion\": \"").append(kubernetesVersion).append("\",\n");
    out.append("  \"kinds\": {");
    String kindSeparator = "\n";
    for (Map.Entry<String, Map<String, Fact>> kind : kinds.entrySet()) {
      out.append(kindSeparator).append("    \"").append(kind.getKey()).append("\": {");
      String separator = "\n";
      for (Map.Entry<String, Fact> f : kind.getValue().entrySet()) {
        out.append(separator).append("      \"").append(f.getKey()).append("\": ").append(f.getValue().json());
        separator = ",\n";
      }
      out.append(kind.getValue().isEmpty() ? "}" : "\n    }");
      kindSeparator = ",\n";
    }
    return out.append("\n  }\n}\n").toString();
  }
}
