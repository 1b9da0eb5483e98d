package dev.gitops.render;

import dev.gitops.model.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kustomize's built-in transformers configured from {@code transformers} entries: each kind runs
 * the operation of the kustomization field it backs in kustomize (LabelTransformer for
 * {@code labels}, PatchTransformer for {@code patches}, ...), with the field specs of its
 * configuration only, as kustomize does (a LabelTransformer without {@code fieldSpecs} changes
 * nothing); package-private.
 */
final class BuiltinTransformers {
  /** The kinds this renderer runs under {@code transformers}. */
  static final Set<String> KINDS = Set.of("LabelTransformer", "AnnotationsTransformer",
      "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer", "NamespaceTransformer",
      "ImageTagTransformer", "ReplicaCountTransformer", "PatchTransformer",
      "PatchStrategicMergeTransformer", "PatchJson6902Transformer", "ReplacementTransformer");

  private BuiltinTransformers() {}

  /** Runs one configured transformer over the objects. */
  static void transform(PluginConfig c, Snapshot snapshot, List<KObject> objects) {
    switch (c.kind()) {
      case "LabelTransformer" -> {
        c.allowOnly("labels", "fieldSpecs");
        LabelTransformer.apply(objects, c.stringMap("labels"), c.fieldSpecs());
      }
      case "AnnotationsTransformer" -> {
        c.allowOnly("annotations", "fieldSpecs");
        LabelTransformer.apply(objects, c.stringMap("annotations"), c.fieldSpecs());
      }
      case "PrefixSuffixTransformer" -> {
        c.allowOnly("prefix", "suffix", "fieldSpecs");
        List<FieldSpec> specs = requiredFieldSpecs(c);
        NameTransformers.affix(c.string("prefix"), "", specs, objects);
        NameTransformers.affix("", c.string("suffix"), specs, objects);
      }
      case "PrefixTransformer" -> {
        c.allowOnly("prefix", "fieldSpecs");
        NameTransformers.affix(c.string("prefix"), "", requiredFieldSpecs(c), objects);
      }
      case "SuffixTransformer" -> {
        c.allowOnly("suffix", "fieldSpecs");
        NameTransformers.affix("", c.string("suffix"), requiredFieldSpecs(c), objects);
      }
      case "NamespaceTransformer" -> namespace(c, objects);
      case "ImageTagTransformer" -> imageTag(c, objects);
      case "ReplicaCountTransformer" -> replicaCount(c, objects);
      case "PatchTransformer" -> patch(c, snapshot, objects);
      case "PatchStrategicMergeTransformer" -> strategicMerge(c, snapshot, objects);
      case "PatchJson6902Transformer" -> json6902(c, snapshot, objects);
      case "ReplacementTransformer" -> {
        c.allowOnly("replacements");
        if (c.has("replacements") && !(c.fields().get("replacements") instanceof List<?>)) {
          throw c.error("'replacements' must be a list");
        }
        Kustomization k = c.asKustomization(fields("replacements", c.fields().get("replacements")));
        c.run(() -> Replacements.run(k, snapshot, objects));
      }
      default -> throw unsupported(c);
    }
  }

  static KustomizeException unsupported(PluginConfig c) {
    if (BuiltinGenerators.KINDS.contains(c.kind())) {
      return c.error(c.kind() + " is a generator, not a transformer; list it under generators");
    }
    if (c.kind().equals("SortOrderTransformer")) {
      return c.error("SortOrderTransformer is not a transformer kustomize loads from transformers "
          + "(it is used for the sortOptions field of the kustomization built)");
    }
    return c.error("'" + c.kind() + "' is not a built-in transformer this renderer supports ("
        + String.join(", ", new java.util.TreeSet<>(KINDS)) + ")");
  }

  // Kustomize's prefix and suffix transformers refuse a configuration without field specs.
  private static List<FieldSpec> requiredFieldSpecs(PluginConfig c) {
    if (!c.has("fieldSpecs")) {
      throw c.error("fieldSpecs is required (for example [{path: metadata/name}])");
    }
    return c.fieldSpecs();
  }

  private static void namespace(PluginConfig c, List<KObject> objects) {
    c.allowOnly("fieldSpecs", "unsetOnly", "setRoleBindingSubjects");
    String mode = c.string("setRoleBindingSubjects");
    NamespaceTransformer.Subjects subjects = switch (mode) {
      case "", "defaultOnly" -> NamespaceTransformer.Subjects.DEFAULT_ONLY;
      case "allServiceAccounts" -> NamespaceTransformer.Subjects.ALL_SERVICE_ACCOUNTS;
      case "none" -> NamespaceTransformer.Subjects.NONE;
      default -> throw c.error("setRoleBindingSubjects must be defaultOnly, allServiceAccounts or none, was '"
          + mode + "'");
    };
    NamespaceTransformer.run(c.namespace(), c.fieldSpecs(), c.bool("unsetOnly"), subjects, objects);
  }

  private static void imageTag(PluginConfig c, List<KObject> objects) {
    c.allowOnly("imageTag", "fieldSpecs");
    Map<String, Object> tag = c.map("imageTag");
    for (String f : tag.keySet()) {
      if (!Set.of("name", "newName", "newTag", "digest", "tagSuffix").contains(f)) {
        throw c.error("imageTag: '" + f + "' is not a field of an image (name, newName, newTag, digest, tagSuffix)");
      }
    }
    ImageTransformer.ImageRule rule = new ImageTransformer.ImageRule(
        c.string(tag.get("name"), "imageTag.name"), c.string(tag.get("newName"), "imageTag.newName"),
        c.string(tag.get("newTag"), "imageTag.newTag"), c.string(tag.get("digest"), "imageTag.digest"),
        c.string(tag.get("tagSuffix"), "imageTag.tagSuffix"));
    if (rule.name().isEmpty()) {
      throw c.error("imageTag needs a name");
    }
    ImageTransformer.apply(rule, c.fieldSpecs(), objects);
  }

  private static void replicaCount(PluginConfig c, List<KObject> objects) {
    c.allowOnly("replica", "fieldSpecs");
    Map<String, Object> replica = c.map("replica");
    String name = c.string(replica.get("name"), "replica.name");
    Object count = replica.get("count");
    if (name.isEmpty() || count != null && !NameTransformers.isInteger(count)) {
      throw c.error("replica needs a name and an integer count");
    }
    long n = count == null ? 0 : ((Number) count).longValue();
    if (!NameTransformers.replicas(name, n, c.fieldSpecs(), objects)) {
      throw c.error("no object named '" + name + "' is selected by its fieldSpecs");
    }
  }

  private static void patch(PluginConfig c, Snapshot snapshot, List<KObject> objects) {
    c.allowOnly("path", "patch", "target", "options");
    Map<String, Object> entry = new LinkedHashMap<>();
    for (String f : List.of("path", "patch", "target", "options")) {
      if (c.has(f)) {
        entry.put(f, c.fields().get(f));
      }
    }
    if (c.string("patch").isBlank() && c.string("path").isEmpty()) {
      throw c.error("needs one of patch and path");
    }
    if (c.has("patch") && c.string("patch").isBlank()) {
      entry.remove("patch");
    }
    Kustomization k = c.asKustomization(fields("patches", List.of(entry)));
    c.run(() -> Patches.patches(k, snapshot, objects));
  }

  private static void strategicMerge(PluginConfig c, Snapshot snapshot, List<KObject> objects) {
    c.allowOnly("paths", "patches");
    List<Object> entries = new ArrayList<>();
    if (c.has("paths")) {
      if (!(c.fields().get("paths") instanceof List<?> paths)) {
        throw c.error("'paths' must be a list of strings");
      }
      for (Object p : paths) {
        entries.add(c.string(p, "paths"));
      }
    }
    if (!c.string("patches").isBlank()) {
      entries.add(c.string("patches"));
    }
    if (entries.isEmpty()) {
      throw c.error("needs paths or patches");
    }
    Kustomization k = c.asKustomization(fields("patchesStrategicMerge", entries));
    c.run(() -> Patches.strategicMerge(k, snapshot, objects));
  }

  private static void json6902(PluginConfig c, Snapshot snapshot, List<KObject> objects) {
    c.allowOnly("target", "path", "jsonOp");
    Map<String, Object> target = c.map("target");
    if (c.string(target.get("name"), "target.name").isEmpty()) {
      throw c.error("target needs a name");
    }
    String path = c.string("path");
    String op = c.string("jsonOp");
    if (path.isEmpty() == op.isBlank()) {
      throw c.error("needs exactly one of path and jsonOp");
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("target", target);
    entry.put(path.isEmpty() ? "patch" : "path", path.isEmpty() ? op : path);
    Kustomization k = c.asKustomization(fields("patchesJson6902", List.of(entry)));
    c.run(() -> Patches.json6902(k, snapshot, objects));
  }

  private static Map<String, Object> fields(String field, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value != null) {
      out.put(field, value);
    }
    return out;
  }
}
