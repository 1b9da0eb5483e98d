package dev.gitops.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parsed kustomization file, with typed access to its fields; a field of the wrong type is a
 * {@link KustomizeException} naming the file; package-private.
 *
 * @param file repository path of the kustomization file
 * @param dir repository path of the directory holding it
 * @param fields the file's top-level fields
 * @param text the file's text, to find the lines of generator entries
 * @param rootOnly whether files it names must lie in or below its directory (kustomize's default
 *     load restriction)
 */
record Kustomization(String file, String dir, Map<String, Object> fields, String text, boolean rootOnly) {
  static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /**
   * Fields kustomize knows that this renderer does not support, with why; every other field of
   * {@link KustomizationFields#KUSTOMIZATION} is supported.
   */
  static final Map<String, String> UNSUPPORTED = Map.of(
      "crds", "kustomize reads the x-kubernetes-* extensions of the OpenAPI definitions in these "
          + "files as transformer field specs (annotations, label selectors, name references); declare "
          + "such field specs under configurations instead (docs/kustomize.md)",
      "openapi", "a custom OpenAPI schema (or built-in schema version) changes the merge keys of "
          + "strategic merge patches; this renderer's merge keys are a fixed table for built-in "
          + "Kubernetes types, so no schema can be given (docs/kustomize.md)",
      "validators", "validator plugins are not run",
      "helmChartInflationGenerator", "it is kustomize's older form of helmCharts; use helmCharts");

  static Kustomization parse(String file, String dir, Object doc, String text, boolean rootOnly) {
    if (doc == null) {
      doc = Map.of();
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new KustomizeException(file, "a kustomization must be a YAML mapping");
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    m.forEach((k, v) -> raw.put(String.valueOf(k), v));
    Map<String, Object> fields = KustomizationFields.check(file, raw);
    for (String f : fields.keySet()) {
      if (UNSUPPORTED.containsKey(f)) {
        throw new KustomizeException(file, "field '" + f + "' is not supported by this renderer: "
            + UNSUPPORTED.get(f));
      }
    }
    // As kustomize: the deprecated imageTags are images.
    if (fields.get("imageTags") instanceof List<?> tags) {
      List<Object> images = new ArrayList<>();
      if (fields.get("images") instanceof List<?> l) {
        images.addAll(l);
      }
      images.addAll(tags);
      fields.put("images", images);
      fields.remove("imageTags");
    }
    Object kind = fields.get("kind");
    if (kind != null && !kind.equals("Kustomization") && !kind.equals("Component")) {
      throw new KustomizeException(file, "kind must be Kustomization or Component, was " + kind);
    }
    return new Kustomization(file, dir, fields, text, rootOnly);
  }

  boolean isComponent() {
    return "Component".equals(fields.get("kind"));
  }

  String string(String field) {
    return str(fields.get(field), field);
  }

  /**
   * A string value; empty when absent. Like kustomize, a number or boolean where a string belongs
   * is an error (quote it in YAML).
   */
  String str(Object v, String what) {
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s)) {
      throw new KustomizeException(file, "'" + what + "' must be a string, was " + v
          + " (quote it in YAML)");
    }
    return s;
  }

  /** Whether the field is set (to anything but null). */
  boolean has(String field) {
    return fields.get(field) != null;
  }

  List<String> strings(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return List.of();
    }
    return stringList(v, field);
  }

  List<String> stringList(Object v, String what) {
    if (!(v instanceof List<?> l)) {
      throw new KustomizeException(file, "'" + what + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (!(o instanceof String s)) {
        throw new KustomizeException(file, "'" + what + "' must be a list of strings");
      }
      out.add(s);
    }
    return out;
  }

  /** A list of mappings; a scalar item is allowed only where {@code scalarKey} names its field. */
  List<Map<String, Object>> maps(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new KustomizeException(file, "field '" + field + "' must be a list");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : l) {
      out.add(asMap(o, field));
    }
    return out;
  }

  Map<String, Object> map(String field) {
    Object v = fields.get(field);
    return v == null ? Map.of() : asMap(v, field);
  }

  /** A mapping of strings to strings (labels, annotations). */
  Map<String, String> stringMap(Object v, String what) {
    if (v == null) {
      return Map.of();
    }
    Map<String, Object> m = asMap(v, what);
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(k, str(val, what + "." + k)));
    return out;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> asMap(Object v, String what) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new KustomizeException(file, "'" + what + "' must be a mapping");
    }
    return (Map<String, Object>) m;
  }

  /** The 1-based line of the first line of {@code snippet} in the file's text, or 1. */
  int lineOf(String snippet) {
    String first = snippet.strip().lines().findFirst().orElse("");
    int at = first.isEmpty() ? -1 : text.indexOf(first);
    return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  /** The 1-based line of the first {@code name: <name>} entry, or 1. */
  int lineOfName(String name) {
    Matcher m = Pattern.compile("(?m)^[\\s-]*name:\\s*['\"]?" + Pattern.quote(name) + "['\"]?\\s*$")
        .matcher(text);
    if (!m.find()) {
      return 1;
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
