package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import dev.gitops.model.Snapshot;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Renders with the Helm embedded in helm-java (no helm binary needed). */
class HelmRendererTest {
  private static final String CHART = "apiVersion: v2\nname: demo\nversion: 0.1.0\n";

  private static final String CONFIGMAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ .Release.Name }}-config
        namespace: {{ .Release.Namespace }}
      data:
        color: {{ .Values.color | quote }}
        size: {{ .Values.size | quote }}
        kube: {{ .Capabilities.KubeVersion.Version | quote }}
      """;

  @Test
  void rendersReleaseNamespaceValuesFilesSetValuesAndKubeVersion() {
    Snapshot chart = HelmTestCharts.of(
        "apps/demo/Chart.yaml", CHART,
        "apps/demo/values.yaml", "color: red\nsize: small\n",
        "apps/demo/templates/config.yaml", "# a comment\n" + CONFIGMAP,
        "apps/prod.yaml", "color: blue\nsize: large\n").scope("apps/demo");

    RenderResult result = HelmRenderer.builder().releaseName("web").namespace("shop")
        .valuesFile("../prod.yaml").set("size", "huge").kubeVersion("v1.31.2").build()
        .render(chart);

    assertThat(result.objects()).hasSize(1);
    Manifest cm = result.objects().get(0);
    assertThat(cm.name()).isEqualTo("web-config");
    assertThat(cm.namespace()).isEqualTo("shop");
    assertThat(cm.get("data", "color")).contains("blue");
    assertThat(cm.get("data", "size")).contains("huge");
    assertThat(cm.get("data", "kube")).contains("v1.31.2");
    assertThat(cm.source()).isEqualTo(new SourceLocation("apps/demo/templates/config.yaml", 2));
    assertThat(result.revision()).isEqualTo(HelmTestCharts.REVISION);
  }

  @Test
  void defaultsAreThoseOfHelmTemplate() {
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART, "values.yaml", "color: red\nsize: s\n",
        "templates/config.yaml", CONFIGMAP);

    Manifest cm = HelmRenderer.builder().build().render(chart).objects().get(0);

    assertThat(cm.name()).isEqualTo("release-name-config");
    assertThat(cm.namespace()).isEqualTo("default");
    assertThat(System.getProperty(HelmRenderer.SKIP_REMOTE_JAR)).isNotNull();
  }

  @Test
  void defaultKubeVersionIsWhatTheReleasedHelmReportsSoRecentKubeVersionRequirementsPass() {
    Snapshot chart = HelmTestCharts.of(
        "Chart.yaml", "apiVersion: v2\nname: demo\nversion: 0.1.0\nkubeVersion: \">=1.23.0-0\"\n",
        "values.yaml", "color: red\nsize: s\n", "templates/config.yaml", CONFIGMAP);

    Manifest cm = HelmRenderer.builder().build().render(chart).objects().get(0);

    assertThat(HelmRenderer.DEFAULT_KUBE_VERSION).isEqualTo("v1.35.0");
    assertThat(cm.get("data", "kube")).contains("v1.35.0");
    assertThatThrownBy(() -> HelmRenderer.builder().kubeVersion("v1.22.0").build().render(chart))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("kubeVersion");
  }

  @Test
  void vendoredDependenciesRenderUnlessTheirConditionIsOff() {
    String parent = "apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n"
        + "- name: db\n  version: 0.1.0\n  condition: db.enabled\n";
    String db = "apiVersion: v2\nname: db\nversion: 0.1.0\n";
    String dbTemplate = "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-db\n"
        + "spec:\n  ports:\n  - port: {{ .Values.port }}\n";
    String crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata:\n  name: backups.db.example.com\n";
    Snapshot chart = HelmTestCharts.of("Chart.yaml", parent, "values.yaml", "db:\n  enabled: true\n",
        "charts/db/Chart.yaml", db, "charts/db/values.yaml", "port: 5432\n",
        "charts/db/templates/svc.yaml", dbTemplate, "charts/db/crds/backup.yaml", crd);

    RenderResult on = HelmRenderer.builder().releaseName("r").build().render(chart);
    RenderResult off = HelmRenderer.builder().set("db.enabled", "false").build().render(chart);

    assertThat(on.objects()).extracting(Manifest::kind)
        .containsExactly("CustomResourceDefinition", "Service");
    assertThat(on.objects().get(0).source()).isEqualTo(new SourceLocation("charts/db/crds/backup.yaml", 1));
    assertThat(on.objects().get(1).source()).isEqualTo(new SourceLocation("charts/db/templates/svc.yaml", 1));
    assertThat(on.objects().get(1).get("spec", "ports")).hasValueSatisfying(
        ports -> assertThat(ports.toString()).contains("5432"));
    assertThat(off.objects()).isEmpty();
  }

  @Test
  void crdsAreIncludedVerbatimUnlessSkipped() {
    String crds = "# {{ not a template }}\napiVersion: apiextensions.k8s.io/v1\n"
        + "kind: CustomResourceDefinition\nmetadata:\n  name: a.example.com\n---\n"
        + "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        + "metadata:\n  name: b.example.com\n";
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART, "crds/all.yaml", crds,
        "templates/config.yaml", CONFIGMAP);

    RenderResult with = HelmRenderer.builder().build().render(chart);
    RenderResult without = HelmRenderer.builder().skipCrds().build().render(chart);

    assertThat(with.objects()).extracting(Manifest::name)
        .containsExactly("a.example.com", "b.example.com", "release-name-config");
    assertThat(with.objects()).extracting(Manifest::source).startsWith(
        new SourceLocation("crds/all.yaml", 2), new SourceLocation("crds/all.yaml", 7));
    assertThat(without.objects()).extracting(Manifest::name).containsExactly("release-name-config");
  }

  @Test
  void hooksAreRenderedLastAndFlagged() {
    String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n"
        + "    \"helm.sh/hook\": pre-install,pre-upgrade\n    \"helm.sh/hook-weight\": \"-5\"\n"
        + "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: []\n";
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART, "templates/a-job.yaml", job,
        "templates/config.yaml", CONFIGMAP);

    RenderResult result = HelmRenderer.builder().build().render(chart);

    assertThat(result.objects()).extracting(Manifest::name).containsExactly("release-name-config", "migrate");
    assertThat(result.hooks()).extracting(Manifest::name).containsExactly("migrate");
    assertThat(result.hooks().get(0).annotations())
        .containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
        .containsEntry("helm.sh/hook-weight", "-5");
    assertThat(result.hooks().get(0).source()).isEqualTo(new SourceLocation("templates/a-job.yaml", 1));
    assertThat(HelmRenderer.builder().skipHooks().build().render(chart).objects())
        .extracting(Manifest::name).containsExactly("release-name-config");
  }

  @Test
  void documentsOfOneTemplateGetTheirLinesWhenTheirKindIsUnique() {
    String two = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n---\n"
        + "{{- if true }}\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n{{- end }}\n";
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART, "templates/two.yaml", two);

    RenderResult result = HelmRenderer.builder().build().render(chart);

    assertThat(result.objects()).extracting(Manifest::source).containsExactlyInAnyOrder(
        new SourceLocation("templates/two.yaml", 1), new SourceLocation("templates/two.yaml", 6));
  }

  @Test
  void packagedSubchartsAreUnpackedWithTheirHooksAndCrds() throws Exception {
    Snapshot chart = HelmTestCharts.ofDirectory(HelmTestCharts.CORPUS.resolve("13-packaged-subchart"))
        .scope("chart");

    RenderResult result = HelmRenderer.builder().releaseName("pkg").build().render(chart);

    assertThat(result.objects()).extracting(Manifest::kind)
        .containsExactly("CustomResourceDefinition", "ConfigMap", "Scraper", "Job");
    assertThat(result.hooks()).extracting(Manifest::name).containsExactly("pkg-metrics-cleanup");
    assertThat(result.objects().get(2).source())
        .isEqualTo(new SourceLocation("chart/charts/metrics-0.2.0.tgz", 0));
  }

  @Test
  void anArchiveEntryLeavingTheArchiveIsRefused() throws Exception {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    files.put("Chart.yaml", CHART.getBytes(StandardCharsets.UTF_8));
    files.put("charts/evil-0.1.0.tgz", tgz("evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 0.1.0\n",
        "evil/../../escape.yaml", "x: 1\n"));
    Snapshot chart = Snapshot.of(HelmTestCharts.REVISION, files);

    assertThatThrownBy(() -> HelmRenderer.builder().build().render(chart))
        .isInstanceOfSatisfying(HelmRenderException.class,
            e -> assertThat(e.file()).isEqualTo("charts/evil-0.1.0.tgz"))
        .hasMessageContaining("leaves the archive");
  }

  /** A gzip-compressed ustar archive of (path, content) pairs. */
  private static byte[] tgz(String... pathsAndContents) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      for (int i = 0; i < pathsAndContents.length; i += 2) {
        byte[] data = pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        byte[] name = pathsAndContents[i].getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, header, 0, name.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        header[156] = '0';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 5);
        gz.write(header);
        gz.write(data);
        gz.write(new byte[(512 - data.length % 512) % 512]);
      }
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  @Test
  void rendersConcurrently() throws Exception {
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART, "values.yaml", "color: red\nsize: s\n",
        "templates/config.yaml", CONFIGMAP);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<RenderResult>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        HelmRenderer r = HelmRenderer.builder().releaseName("r" + i).set("size", "s" + i).build();
        results.add(pool.submit(() -> r.render(chart)));
      }
      for (int i = 0; i < results.size(); i++) {
        Manifest cm = results.get(i).get().objects().get(0);
        assertThat(cm.name()).isEqualTo("r" + i + "-config");
        assertThat(cm.get("data", "size")).contains("s" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void templateErrorsNameTheTemplateAndLine() {
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART,
        "templates/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required \"name is required\" .Values.name }}\n");

    assertThatThrownBy(() -> HelmRenderer.builder().build().render(chart))
        .isInstanceOfSatisfying(HelmRenderException.class, e -> {
          assertThat(e.file()).isEqualTo("templates/bad.yaml");
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.getMessage()).contains("name is required");
        });
  }

  @Test
  void aMissingDependencyIsAnError() {
    Snapshot chart = HelmTestCharts.of("Chart.yaml", CHART + "dependencies:\n- name: db\n  version: 0.1.0\n"
        + "  repository: https://charts.example.com\n", "templates/config.yaml", CONFIGMAP);

    assertThatThrownBy(() -> HelmRenderer.builder().build().render(chart))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("db");
  }

  @Test
  void aDirectoryWithoutChartYamlIsAnError() {
    assertThatThrownBy(() -> HelmRenderer.builder().build().render(HelmTestCharts.of("x.yaml", "a: 1\n")))
        .isInstanceOf(HelmRenderException.class).hasMessageContaining("no Chart.yaml");
  }

  @Test
  void renderingIsDeterministicAndLeavesNoTemporaryFiles() throws Exception {
    Snapshot chart = HelmTestCharts.ofDirectory(HelmTestCharts.CORPUS.resolve("06-dependencies"))
        .scope("chart");
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = helmTempDirs(tmp);

    RenderResult first = HelmRenderer.builder().build().render(chart);
    RenderResult second = HelmRenderer.builder().build().render(chart);

    assertThat(second.objects()).isEqualTo(first.objects());
    assertThat(second.objects()).extracting(Manifest::source)
        .isEqualTo(first.objects().stream().map(Manifest::source).toList());
    assertThat(helmTempDirs(tmp)).isEqualTo(before);
  }

  private static List<Path> helmTempDirs(Path tmp) throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("gitops-helm-")).sorted().toList();
    }
  }

  @Test
  void withoutHelmJavaTheErrorNamesTheArtifact() throws Exception {
    Throwable thrown = renderInLoaderWithout("helm-java");

    assertThat(thrown.getClass().getName()).isEqualTo(HelmNotAvailableException.class.getName());
    assertThat(thrown).hasMessageContaining(HelmRenderer.ARTIFACT);
  }

  @Test
  void withoutTheNativeLibraryNothingIsDownloaded() throws Exception {
    // helm-java itself would fetch its native jar from Maven Central here.
    Throwable thrown = renderInLoaderWithout("linux-amd64", "linux-arm64", "darwin-amd64",
        "darwin-arm64", "windows-amd64");

    assertThat(thrown.getClass().getName()).isEqualTo(HelmNotAvailableException.class.getName());
    assertThat(thrown).hasMessageContaining("native library");
  }

  /** Renders a chart with HelmRenderer loaded from a class path without the given jars. */
  private static Throwable renderInLoaderWithout(String... artifactDirs) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String unix = entry.replace('\\', '/');
      boolean hidden = false;
      for (String a : artifactDirs) {
        hidden |= unix.contains("/com/marcnuri/helm-java/" + a + "/");
      }
      if (!hidden) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> charts = Class.forName(HelmTestCharts.class.getName(), true, loader);
      java.lang.reflect.Method of = charts.getDeclaredMethod("of", String[].class);
      of.setAccessible(true);
      Object snapshot = of.invoke(null, (Object) new String[] {"Chart.yaml", CHART});
      Class<?> renderer = Class.forName(HelmRenderer.class.getName(), true, loader);
      Object builder = renderer.getMethod("builder").invoke(null);
      Object helm = builder.getClass().getMethod("build").invoke(builder);
      try {
        renderer.getMethod("render", snapshot.getClass()).invoke(helm, snapshot);
      } catch (InvocationTargetException e) {
        return e.getCause();
      }
      throw new AssertionError("render succeeded without Helm");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
