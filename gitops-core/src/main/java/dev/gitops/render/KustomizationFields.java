package dev.gitops.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields kustomize v5.5.0 knows in a kustomization, nested (its Go types in
 * {@code sigs.k8s.io/kustomize/api/types}): kustomize decodes a kustomization with unknown fields
 * disallowed, so a misspelled field anywhere is an error there and here; package-private.
 */
final class KustomizationFields {

  /**
   * The shape of a value: a mapping with these fields (also each mapping item of a list), or, when
   * {@code fields} is null, any value whose keys are free (labels, values, options).
   */
  record Shape(Map<String, Shape> fields) {
    static final Shape ANY = new Shape(null);

    static Shape of(Object... namesAndShapes) {
      Map<String, Shape> m = new LinkedHashMap<>();
      for (int i = 0; i < namesAndShapes.length; i++) {
        String name = (String) namesAndShapes[i];
        if (i + 1 < namesAndShapes.length && namesAndShapes[i + 1] instanceof Shape s) {
          m.put(name, s);
          i++;
        } else {
          m.put(name, ANY);
        }
      }
      return new Shape(m);
    }
  }

  private static final Object[] GVK = {"group", "version", "kind"};
  private static final Object[] RES_ID = {"group", "version", "kind", "name", "namespace"};
  private static final Shape SELECTOR = Shape.of(concat(RES_ID, "labelSelector", "annotationSelector"));
  private static final Shape FIELD_SPEC = Shape.of(concat(GVK, "path", "create"));
  private static final Shape FIELD_OPTIONS = Shape.of("delimiter", "index", "encoding", "create");
  private static final Shape GENERATOR_OPTIONS =
      Shape.of("labels", "annotations", "disableNameSuffixHash", "immutable");
  private static final Object[] GENERATOR_ARGS = {"namespace", "name", "behavior", "literals", "files",
      "envs", "env", "options", GENERATOR_OPTIONS};
  private static final Shape PATCH = Shape.of("path", "patch", "target", SELECTOR, "options");
  private static final Shape IMAGE = Shape.of("name", "newName", "tagSuffix", "newTag", "digest");

  /** Fields of a kustomization (or component), as kustomize's {@code types.Kustomization}. */
  static final Shape KUSTOMIZATION = Shape.of(
      "apiVersion", "kind",
      "metadata", Shape.of("name", "namespace", "labels", "annotations"),
      "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels",
      "labels", Shape.of("pairs", "includeSelectors", "includeTemplates", "fields", FIELD_SPEC),
      "commonAnnotations",
      "patchesStrategicMerge",
      "patchesJson6902", PATCH,
      "patches", PATCH,
      "images", IMAGE,
      "imageTags", IMAGE,
      "replacements", Shape.of(
          "path",
          "source", Shape.of(concat(RES_ID, "fieldPath", "options", FIELD_OPTIONS)),
          "targets", Shape.of("select", SELECTOR, "reject", SELECTOR, "fieldPaths", "options", FIELD_OPTIONS)),
      "replicas", Shape.of("name", "count"),
      "vars", Shape.of(
          "name",
          "objref", Shape.of("apiVersion", "group", "version", "kind", "name", "namespace"),
          "fieldref", Shape.of("fieldPath")),
      "sortOptions", Shape.of("order", "legacySortOptions", Shape.of("orderFirst", "orderLast")),
      "resources", "components", "crds", "bases",
      "configMapGenerator", Shape.of(GENERATOR_ARGS),
      "secretGenerator", Shape.of(concat(GENERATOR_ARGS, "type")),
      "helmGlobals", Shape.of("chartHome", "configHome"),
      "helmCharts", Shape.of("name", "version", "repo", "releaseName", "namespace",
          "additionalValuesFiles", "valuesFile", "valuesInline", "valuesMerge", "includeCRDs", "skipHooks",
          "apiVersions", "kubeVersion", "nameTemplate", "skipTests", "debug"),
      "helmChartInflationGenerator", Shape.of("chartName", "chartVersion", "chartRepoUrl", "chartHome",
          "chartRepoName", "helmBin", "helmHome", "values", "valuesLocal", "valuesMerge", "releaseName",
          "releaseNamespace", "extraArgs"),
      "generatorOptions", GENERATOR_OPTIONS,
      "configurations", "generators", "transformers", "validators", "buildMetadata");

  private KustomizationFields() {}

  /**
   * Checks every mapping of a kustomization against {@link #KUSTOMIZATION} and returns it with
   * each field spelled as kustomize declares it: kustomize decodes with Go's JSON decoder, which
   * matches a field name ignoring case ({@code fieldpath} is {@code fieldPath}). An unknown
   * top-level field names the closest known one, an unknown nested field its path.
   *
   * @throws KustomizeException naming the file and the unknown field
   */
  static Map<String, Object> check(String file, Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String f = canonical(KUSTOMIZATION, e.getKey());
      if (f == null) {
        String near = closest(e.getKey(), KUSTOMIZATION.fields().keySet());
        throw new KustomizeException(file, "unknown field '" + e.getKey() + "'"
            + (near == null ? "" : "; did you mean '" + near + "'?"));
      }
      once(file, out, f, f);
      out.put(f, checkValue(file, f, e.getValue(), KUSTOMIZATION.fields().get(f)));
    }
    return out;
  }

  private static Object checkValue(String file, String path, Object value, Shape shape) {
    if (shape.fields() == null) {
      return value;
    }
    if (value instanceof List<?> items) {
      List<Object> out = new java.util.ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(checkValue(file, path + "[" + i + "]", items.get(i), shape));
      }
      return out;
    }
    if (!(value instanceof Map<?, ?> m)) {
      return value;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey());
      String f = canonical(shape, key);
      if (f == null) {
        String near = closest(key, shape.fields().keySet());
        throw new KustomizeException(file, "unknown field \"" + key + "\" in " + path
            + (near == null ? "" : " (did you mean \"" + near + "\"?)"));
      }
      once(file, out, f, path + "." + f);
      out.put(f, checkValue(file, path + "." + f, e.getValue(), shape.fields().get(f)));
    }
    return out;
  }

  /** Refuses a field given twice under spellings that differ only in case. */
  private static void once(String file, Map<String, Object> out, String field, String path) {
    if (out.containsKey(field)) {
      throw new KustomizeException(file, "field '" + path + "' is given twice (names differing only in case)");
    }
  }

  /** The declared spelling of {@code key}: exact, else the one equal ignoring case, else null. */
  private static String canonical(Shape shape, String key) {
    if (shape.fields().containsKey(key)) {
      return key;
    }
    for (String f : shape.fields().keySet()) {
      if (f.equalsIgnoreCase(key)) {
        return f;
      }
    }
    return null;
  }

  /** The known name nearest to {@code name} (case-insensitive edit distance), if near enough. */
  static String closest(String name, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Object[] concat(Object[] first, Object... more) {
    Object[] out = new Object[first.length + more.length];
    System.arraycopy(first, 0, out, 0, first.length);
    System.arraycopy(more, 0, out, first.length, more.length);
    return out;
  }
}
