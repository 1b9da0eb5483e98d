package dev.gitops.render;

import dev.gitops.model.Snapshot;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One chart of src/test/resources/helm-corpus: {@code <case>/chart/} and the options of
 * {@code <case>/case.properties} (release, namespace, values (comma-separated, relative to the
 * chart), set ({@code k=v;k=v}), kubeVersion, skipCrds).
 */
record HelmCorpus(String name, Path dir, String release, String namespace, List<String> values,
    Map<String, String> set, String kubeVersion, boolean skipCrds) {

  static List<HelmCorpus> all() {
    try (Stream<Path> cases = Files.list(HelmTestCharts.CORPUS)) {
      List<HelmCorpus> out = new ArrayList<>();
      for (Path dir : cases.filter(Files::isDirectory).sorted().toList()) {
        out.add(load(dir));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HelmCorpus load(Path dir) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"))) {
      p.load(r);
    }
    List<String> values = new ArrayList<>();
    for (String v : p.getProperty("values", "").split(",")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    Map<String, String> set = new LinkedHashMap<>();
    for (String kv : p.getProperty("set", "").split(";")) {
      if (!kv.isBlank()) {
        int eq = kv.indexOf('=');
        set.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return new HelmCorpus(dir.getFileName().toString(), dir, p.getProperty("release", "release-name"),
        p.getProperty("namespace", "default"), values, set, p.getProperty("kubeVersion"),
        Boolean.parseBoolean(p.getProperty("skipCrds", "false")));
  }

  /** The case as a snapshot rooted at its chart (values files outside the chart stay reachable). */
  Snapshot snapshot() {
    return HelmTestCharts.ofDirectory(dir).scope("chart");
  }

  HelmRenderer renderer() {
    HelmRenderer.Builder b = HelmRenderer.builder().releaseName(release).namespace(namespace);
    values.forEach(b::valuesFile);
    set.forEach(b::set);
    if (kubeVersion != null) {
      b.kubeVersion(kubeVersion);
    }
    if (skipCrds) {
      b.skipCrds();
    }
    return b.build();
  }

  /** The arguments of {@code helm template} for this case. */
  List<String> helmArgs(Path helm) {
    Path chart = dir.resolve("chart").toAbsolutePath();
    List<String> args = new ArrayList<>(List.of(helm.toString(), "template", release,
        chart.toString(), "--namespace", namespace));
    if (!skipCrds) {
      args.add("--include-crds");
    }
    for (String v : values) {
      args.add("--values");
      args.add(chart.resolve(v).normalize().toString());
    }
    set.forEach((k, v) -> args.add("--set=" + k + "=" + v));
    if (kubeVersion != null) {
      args.add("--kube-version=" + kubeVersion);
    }
    return args;
  }

  @Override
  public String toString() {
    return name;
  }
}
