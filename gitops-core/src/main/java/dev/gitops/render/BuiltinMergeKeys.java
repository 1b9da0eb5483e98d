package dev.gitops.render;

import dev.gitops.model.JacksonVersions;
import dev.gitops.model.ObjectKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strategic-merge facts of the built-in kinds ({@code builtin-merge-keys.json}, generated
 * from a real kube-apiserver of the pinned Kubernetes version by gitops-k8s's
 * {@code BuiltinMergeKeysTest}): by group and kind, the patch strategy and merge keys of each
 * field, by its path of field names from the object's root; package-private.
 */
final class BuiltinMergeKeys {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  static final String RESOURCE = "builtin-merge-keys.json";
  private static final Map<String, Map<String, FieldStrategy>> KINDS = load();

  private BuiltinMergeKeys() {}

  /**
   * The patch strategy of one field: its strategies ({@code merge}, {@code replace},
   * {@code retainKeys}) and the keys its list elements merge by (the list map keys when the
   * server gives several, else the merge key; empty for a list of scalars).
   */
  record FieldStrategy(Set<String> strategies, List<String> keys) {
    FieldStrategy {
      strategies = Set.copyOf(strategies);
      keys = List.copyOf(keys);
    }

    /** Whether the list merges (element by element, or as a set of scalars) instead of being replaced. */
    boolean merges() {
      return strategies.contains("merge");
    }
  }

  /**
   * The fields of a kind with a patch strategy, by path ({@code spec.template.spec.containers});
   * empty for kinds the API server does not serve, such as custom resources. Versions of a kind
   * share one table: the server publishes the same facts for each.
   */
  static Map<String, FieldStrategy> forKind(String apiVersion, String kind) {
    return KINDS.getOrDefault(ObjectKey.groupOf(apiVersion) + "/" + kind, Map.of());
  }

  private static Map<String, Map<String, FieldStrategy>> load() {
    try (InputStream in = BuiltinMergeKeys.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode kinds = JsonMapper.builder().build().readTree(in).required("kinds");
      Map<String, Map<String, FieldStrategy>> out = new HashMap<>();
      for (Map.Entry<String, JsonNode> kind : kinds.properties()) {
        Map<String, FieldStrategy> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : kind.getValue().properties()) {
          fields.put(field.getKey(), strategy(field.getValue()));
        }
        out.put(kind.getKey(), Map.copyOf(fields));
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FieldStrategy strategy(JsonNode fact) {
    Set<String> strategies = Set.of(fact.required("strategy").asString().split(","));
    List<String> keys = fact.has("listMapKeys")
        ? fact.get("listMapKeys").valueStream().map(JsonNode::asString).toList()
        : fact.has("key") ? List.of(fact.get("key").asString()) : List.of();
    return new FieldStrategy(strategies, keys);
  }
}
