package dev.gitops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One built-in transformer or generator configuration listed under a kustomization's
 * {@code transformers} or {@code generators} field: an object with {@code apiVersion: builtin}
 * and a kind, read from a file, from inline text or from the output of a kustomization
 * directory. Gives typed access to its fields; every error names the listing kustomization, the
 * list, the configuration's file and its kind; package-private.
 *
 * @param owner the kustomization listing the configuration; files the configuration names are
 *     read relative to its directory, as kustomize does
 * @param list {@code transformers} or {@code generators}
 * @param file repository path of the file holding the configuration (the kustomization file for
 *     an inline one)
 * @param text the text of that file, to find the lines of generated objects
 * @param fields the configuration object
 */
record PluginConfig(Kustomization owner, String list, String file, String text, Map<String, Object> fields) {
  private static final Set<String> ALWAYS = Set.of("apiVersion", "kind", "metadata");

  String apiVersion() {
    return fields.get("apiVersion") instanceof String s ? s : "";
  }

  String kind() {
    return fields.get("kind") instanceof String s ? s : "";
  }

  String name() {
    return metadata().get("name") instanceof String s ? s : "";
  }

  /** The configuration's metadata.namespace, or empty. */
  String namespace() {
    return metadata().get("namespace") instanceof String s ? s : "";
  }

  private Map<?, ?> metadata() {
    return fields.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
  }

  /** How provenance and errors name the configuration: {@code transformers: dir/file.yaml (Kind 'name')}. */
  String describe() {
    return list + ": " + file + " (" + kind() + " '" + name() + "')";
  }

  /** An error of this configuration, reported against the listing kustomization. */
  KustomizeException error(String problem) {
    return new KustomizeException(owner.file(), describe() + ": " + problem);
  }

  /** Fails on a field the kind does not have (kustomize would ignore it silently). */
  void allowOnly(String... known) {
    Set<String> allowed = new LinkedHashSet<>(List.of(known));
    for (String f : fields.keySet()) {
      if (!ALWAYS.contains(f) && !allowed.contains(f)) {
        throw error("field '" + f + "' is not a field of " + kind()
            + (allowed.isEmpty() ? "" : " (" + String.join(", ", allowed) + ")"));
      }
    }
  }

  boolean has(String field) {
    return fields.get(field) != null;
  }

  /**
   * A string field; empty when absent. As kustomize reads built-in configurations, an unquoted
   * boolean or number is taken as its text ({@code true}, {@code 2}, {@code 1.27}); a number
   * kustomize would write in exponent form is an error (quote it in YAML).
   */
  String string(String field) {
    return string(fields.get(field), field);
  }

  String string(Object v, String what) {
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
      return String.valueOf(v);
    }
    if (v instanceof Double d) {
      // Go formats the float32 value with %g: plain below 1e6 and from 1e-4.
      float f = d.floatValue();
      String text = Float.toString(f);
      if (!text.contains("E") && Math.abs(f) < 1e6f && !Float.isNaN(f) && !Float.isInfinite(f)) {
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
      }
    }
    throw error("'" + what + "' must be a string, was " + v + " (quote it in YAML)");
  }

  /** A boolean field; false when absent. */
  boolean bool(String field) {
    Object v = fields.get(field);
    if (v != null && !(v instanceof Boolean)) {
      throw error("'" + field + "' must be true or false, was " + v);
    }
    return Boolean.TRUE.equals(v);
  }

  /** A mapping field; empty when absent. */
  @SuppressWarnings("unchecked")
  Map<String, Object> map(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw error("'" + field + "' must be a mapping");
    }
    return (Map<String, Object>) m;
  }

  /** A mapping of strings to strings (labels, annotations); empty when absent. */
  Map<String, String> stringMap(String field) {
    Map<String, String> out = new LinkedHashMap<>();
    map(field).forEach((k, v) -> out.put(k, string(v, field + "." + k)));
    return out;
  }

  /** The {@code fieldSpecs} list (group, version, kind, path, create); empty when absent. */
  List<FieldSpec> fieldSpecs() {
    Object v = fields.get("fieldSpecs");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw error("'fieldSpecs' must be a list");
    }
    List<FieldSpec> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof Map<?, ?> m)) {
        throw error("'fieldSpecs' entries must be mappings");
      }
      for (Object key : m.keySet()) {
        if (!Set.of("group", "version", "kind", "path", "create").contains(String.valueOf(key))) {
          throw error("fieldSpecs: '" + key + "' is not a field of a field spec (group, version, kind, path, create)");
        }
      }
      String path = string(m.get("path"), "fieldSpecs.path");
      if (path.isEmpty()) {
        throw error("fieldSpecs: a field spec needs a path");
      }
      Object create = m.get("create");
      if (create != null && !(create instanceof Boolean)) {
        throw error("fieldSpecs.create must be true or false, was " + create);
      }
      out.add(new FieldSpec(string(m.get("group"), "fieldSpecs.group"),
          string(m.get("version"), "fieldSpecs.version"), string(m.get("kind"), "fieldSpecs.kind"),
          path, Boolean.TRUE.equals(create)));
    }
    return out;
  }

  /**
   * A kustomization holding the given fields in the owner's directory, to run the operation a
   * kustomization field shares with this configuration; its errors go through {@link #run}.
   */
  Kustomization asKustomization(Map<String, Object> kustomizationFields) {
    return new Kustomization(file, owner.dir(), kustomizationFields, text, owner.rootOnly());
  }

  /** Runs an operation, reporting its errors as errors of this configuration. */
  void run(Runnable operation) {
    try {
      operation.run();
    } catch (KustomizeException e) {
      if (e.getClass() != KustomizeException.class || !e.kustomization().equals(file)) {
        throw e;
      }
      String problem = e.getMessage().substring(Math.min(e.getMessage().length(), file.length() + 2));
      throw new KustomizeException(owner.file(), describe() + ": " + problem, e);
    }
  }
}
