package dev.gitops.render;

import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kustomization's {@code helmCharts} (with {@code helmGlobals}), inflated as
 * {@code kustomize build --enable-helm} does, through {@link HelmRenderer} from charts in the
 * repository only: the chart of entry {@code name} is the directory {@code <chartHome>/<name>}
 * ({@code <chartHome>/<name>-<version>/<name>} when {@code repo} and {@code version} are both
 * given), {@code chartHome} relative to the kustomization (default {@code charts}). A chart that
 * kustomize would download is an error naming it. Package-private.
 */
final class HelmCharts {
  static final String GENERATOR_KIND = "HelmChartInflationGenerator";
  private static final List<String> VALUES_MERGE = List.of("merge", "override", "replace");

  private HelmCharts() {}

  /** The objects of every {@code helmCharts} entry of {@code k}, in entry order. */
  static List<KObject> inflate(Kustomization k, Snapshot snapshot) {
    List<Map<String, Object>> charts = k.maps("helmCharts");
    if (charts.isEmpty()) {
      return List.of();
    }
    Map<String, Object> globals = k.map("helmGlobals");
    String chartHome = k.str(globals.get("chartHome"), "helmGlobals.chartHome");
    chartHome = chartHome.isEmpty() ? "charts" : chartHome;
    List<KObject> out = new ArrayList<>();
    for (Map<String, Object> chart : charts) {
      out.addAll(inflate(k, snapshot, chartHome, chart));
    }
    return out;
  }

  private static List<KObject> inflate(Kustomization k, Snapshot snapshot, String chartHome,
      Map<String, Object> entry) {
    String name = k.str(entry.get("name"), "helmCharts.name");
    if (name.isEmpty()) {
      throw new KustomizeException(k.file(), "helmCharts: an entry has no name");
    }
    String what = "helmCharts '" + name + "'";
    String version = k.str(entry.get("version"), "helmCharts.version");
    String repo = k.str(entry.get("repo"), "helmCharts.repo");
    String home = KustomizeFiles.join(k, k.dir(), chartHome);
    if (!version.isEmpty() && !repo.isEmpty()) {
      home = home + "/" + name + "-" + version;
    }
    String chartDir = home + "/" + name;
    if (!KustomizeFiles.isDirectory(snapshot, chartDir)) {
      throw new KustomizeException(k.file(), what + ": no chart at '" + chartDir + "'"
          + (repo.isEmpty() ? " and no repo to pull it from"
              : "; kustomize would download it from " + repo + (version.isEmpty() ? "" : " (version " + version + ")")
                  + ", this renderer reads charts from the repository only: vendor it there "
                  + "(helm pull --untar --untardir " + home + ")"));
    }
    for (String unsupported : List.of("nameTemplate", "apiVersions")) {
      Object v = entry.get(unsupported);
      if (v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof List<?> l && l.isEmpty())) {
        throw new KustomizeException(k.file(), what + ": '" + unsupported + "' is not supported by this "
            + "renderer (the embedded Helm of helm-java has no --name-template or --api-versions)");
      }
    }
    String releaseName = k.str(entry.get("releaseName"), "helmCharts.releaseName");
    if (releaseName.isEmpty()) {
      throw new KustomizeException(k.file(), what + ": releaseName is required here (kustomize passes "
          + "--generate-name, a release name made from the clock, so its output changes at every build)");
    }
    HelmRenderer.Builder helm = HelmRenderer.builder().releaseName(releaseName);
    String namespace = k.str(entry.get("namespace"), "helmCharts.namespace");
    if (!namespace.isEmpty()) {
      helm.namespace(namespace);
    }
    String kubeVersion = k.str(entry.get("kubeVersion"), "helmCharts.kubeVersion");
    if (!kubeVersion.isEmpty()) {
      helm.kubeVersion(kubeVersion);
    }
    if (!flag(k, entry, "includeCRDs")) {
      helm.skipCrds();
    }
    if (flag(k, entry, "skipHooks")) {
      helm.skipHooks();
    }
    if (flag(k, entry, "skipTests")) {
      helm.skipTests();
    }
    values(k, snapshot, entry, what, chartDir, helm);
    Snapshot chart = snapshot.scope(KustomizeFiles.fromRoot(snapshot, chartDir));
    RenderResult rendered;
    try {
      rendered = helm.build().render(chart);
    } catch (HelmRenderException e) {
      throw new KustomizeException(k.file(), what + ": " + e.getMessage(), e);
    }
    List<KObject> out = new ArrayList<>();
    for (Manifest m : rendered.objects()) {
      KObject o = new KObject(KustomizeBuild.deepCopy(new LinkedHashMap<>(m.object())), m.source(), false);
      o.generatedBy(k.file(), GENERATOR_KIND);
      out.add(o);
    }
    return out;
  }

  /**
   * The values as kustomize passes them: {@code valuesFile} (default: the chart's
   * {@code values.yaml}), merged with {@code valuesInline} as {@code valuesMerge} says (override,
   * the default: inline values win; merge: the file's win; replace: inline values only), then
   * each of {@code additionalValuesFiles}; files relative to the kustomization.
   */
  private static void values(Kustomization k, Snapshot snapshot, Map<String, Object> entry, String what,
      String chartDir, HelmRenderer.Builder helm) {
    String valuesFile = k.str(entry.get("valuesFile"), "helmCharts.valuesFile");
    String valuesPath;
    if (valuesFile.isEmpty()) {
      valuesPath = chartDir + "/values.yaml";
      if (!KustomizeFiles.isFile(snapshot, valuesPath)) {
        throw new KustomizeException(k.file(), what + ": the chart has no values.yaml; give a valuesFile");
      }
    } else {
      KustomizeFiles.read(k, snapshot, valuesFile, what + " valuesFile"); // checks place and existence
      valuesPath = KustomizeFiles.join(k, k.dir(), valuesFile);
    }
    String merge = k.str(entry.get("valuesMerge"), "helmCharts.valuesMerge");
    merge = merge.isEmpty() ? "override" : merge;
    if (!VALUES_MERGE.contains(merge)) {
      throw new KustomizeException(k.file(), what + ": valuesMerge must be one of " + VALUES_MERGE
          + ", was '" + merge + "'");
    }
    Map<String, Object> inline = entry.get("valuesInline") == null ? Map.of()
        : k.asMap(entry.get("valuesInline"), "helmCharts.valuesInline");
    if (inline.isEmpty()) {
      helm.valuesFile(BuildMetadata.relative(chartDir, valuesPath));
    } else if (merge.equals("replace")) {
      helm.values(inline);
    } else {
      Map<String, Object> fromFile = parseValues(k, snapshot, valuesPath);
      helm.values(merge.equals("override") ? mergeValues(fromFile, inline) : mergeValues(inline, fromFile));
    }
    for (String extra : k.stringList(entry.get("additionalValuesFiles") == null ? List.of()
        : entry.get("additionalValuesFiles"), "helmCharts.additionalValuesFiles")) {
      KustomizeFiles.read(k, snapshot, extra, what + " additionalValuesFiles");
      helm.valuesFile(BuildMetadata.relative(chartDir, KustomizeFiles.join(k, k.dir(), extra)));
    }
  }

  private static Map<String, Object> parseValues(Kustomization k, Snapshot snapshot, String repoPath) {
    byte[] content = snapshot.read(KustomizeFiles.fromRoot(snapshot, repoPath));
    List<YamlDocuments.Document> docs = KustomizeFiles.parseYaml(repoPath, content);
    if (docs.isEmpty() || docs.get(0).value() == null) {
      return Map.of();
    }
    return k.asMap(KustomizeBuild.deepCopyValue(docs.get(0).value()), repoPath);
  }

  /**
   * {@code over} merged onto {@code base} as kustomize's merge2 does for values: mappings merge
   * key by key, anything else (lists included) is replaced; a null in {@code over} leaves a value
   * of {@code base} as it is (as kustomize v5.5.0 does, case {@code 84-helm-charts}).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> mergeValues(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach((key, v) -> {
      if (v == null) {
        out.putIfAbsent(key, null);
      } else if (v instanceof Map<?, ?> m && out.get(key) instanceof Map<?, ?> b) {
        out.put(key, mergeValues((Map<String, Object>) b, (Map<String, Object>) m));
      } else {
        out.put(key, v);
      }
    });
    return out;
  }

  private static boolean flag(Kustomization k, Map<String, Object> entry, String field) {
    Object v = entry.get(field);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new KustomizeException(k.file(), "'helmCharts." + field + "' must be true or false, was " + v);
    }
    return b;
  }
}
