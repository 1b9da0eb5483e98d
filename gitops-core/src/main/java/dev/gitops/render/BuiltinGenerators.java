package dev.gitops.render;

import dev.gitops.model.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kustomize's built-in generators configured from {@code generators} entries: a ConfigMapGenerator
 * or SecretGenerator holds one entry of the kustomization field of that name (its name and
 * namespace may come from its metadata) and generates as that field does, behavior included;
 * package-private.
 */
final class BuiltinGenerators {
  /** The kinds this renderer runs under {@code generators}. */
  static final Set<String> KINDS = Set.of("ConfigMapGenerator", "SecretGenerator");

  private static final List<String> ARGS = List.of("name", "namespace", "behavior", "literals", "files",
      "envs", "env", "options");

  private BuiltinGenerators() {}

  /** Generates the configuration's object into {@code objects} (or merges it, by its behavior). */
  static void generate(PluginConfig c, Snapshot snapshot, List<KObject> objects) {
    if (!KINDS.contains(c.kind())) {
      throw unsupported(c);
    }
    boolean secret = c.kind().equals("SecretGenerator");
    if (secret) {
      c.allowOnly("name", "namespace", "behavior", "literals", "files", "envs", "env", "options", "type");
    } else {
      c.allowOnly(ARGS.toArray(String[]::new));
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    for (String f : secret ? concat(ARGS, "type") : ARGS) {
      if (c.has(f)) {
        entry.put(f, c.fields().get(f));
      }
    }
    if (c.string("name").isEmpty()) {
      entry.put("name", c.name());
    }
    if (c.string("namespace").isEmpty() && !c.namespace().isEmpty()) {
      entry.put("namespace", c.namespace());
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(secret ? "secretGenerator" : "configMapGenerator", List.of(entry));
    Kustomization k = c.asKustomization(fields);
    c.run(() -> Generators.run(k, snapshot, objects));
  }

  private static KustomizeException unsupported(PluginConfig c) {
    if (BuiltinTransformers.KINDS.contains(c.kind()) || c.kind().equals("SortOrderTransformer")) {
      return c.error(c.kind() + " is a transformer, not a generator; list it under transformers");
    }
    return c.error("'" + c.kind() + "' is not a built-in generator this renderer supports ("
        + String.join(", ", new java.util.TreeSet<>(KINDS)) + ")");
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> out = new java.util.ArrayList<>(list);
    out.add(more);
    return out;
  }
}
