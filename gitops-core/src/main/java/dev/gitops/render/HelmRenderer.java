package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.InvalidManifestException;
import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the Helm chart at the snapshot root the way {@code helm template --include-crds} does,
 * with the Helm embedded in helm-java, fully offline.
 *
 * <p>Options: release name (default {@code release-name}) and namespace (default
 * {@code default}, as the helm CLI without a kubeconfig), values files (snapshot paths, relative
 * to the chart; later files win), set values ({@code --set}), the Kubernetes version seen by
 * {@code .Capabilities} (default {@link #DEFAULT_KUBE_VERSION}, as the released helm v3.21),
 * CRDs of {@code crds/} directories (included unless skipped; those of disabled subcharts are
 * left out, as Helm does) and hooks. Dependencies
 * must be vendored under {@code charts/}, as directories or {@code .tgz} archives (unpacked with
 * the chart; their objects are traced to the archive); nothing is fetched.
 *
 * <p>Hooks (objects annotated {@value RenderResult#HOOK_ANNOTATION}) are rendered after the other
 * objects, as the helm CLI prints them; {@link RenderResult#hooks()} lists them, and
 * {@link Builder#skipHooks()} leaves them out. Each object's {@link SourceLocation} is the
 * repository path of its template (from Helm's {@code # Source:} comments) and the line of its
 * document in that template where that can be told from the template text (a file with one
 * document, or the only document of that kind in the file); otherwise line 0.
 *
 * <p>The chart is written to a temporary directory for Helm and removed afterwards. helm-java
 * ({@value #ARTIFACT}) is an optional dependency of gitops-core: without it, or without its native
 * library for this platform, {@link #render} fails with {@link HelmNotAvailableException}, and
 * nothing is ever downloaded (this class sets {@value #SKIP_REMOTE_JAR} unless already set).
 *
 * <p>Rendering is deterministic: CRDs first, then the other objects in Helm's order (by kind,
 * then by template path), then hooks.
 */
public final class HelmRenderer implements Renderer {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  /** The Maven coordinates of the optional dependency this renderer needs. */
  public static final String ARTIFACT = "com.marcnuri.helm-java:helm-java:0.0.21";
  /**
   * The default {@code .Capabilities.KubeVersion}: what the released Helm v3.21 binary reports
   * without a cluster (its Makefile sets it from its client-go module, v0.35: Kubernetes 1.35).
   * helm-java's Helm is built without those flags and would say v1.20.0.
   */
  public static final String DEFAULT_KUBE_VERSION = "v1.35.0";
  /** helm-java's switch that stops it from downloading its native jar when none is present. */
  public static final String SKIP_REMOTE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";

  // Helm drops hooks from the manifest text helm-java returns, so hook annotations are renamed to
  // this stand-in while Helm renders and renamed back after.
  private static final String HOOK_STAND_IN = "gitops-sdk.invalid/helm-hook";
  private static final byte[] HOOK_BYTES = "helm.sh/hook".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STAND_IN_BYTES = HOOK_STAND_IN.getBytes(StandardCharsets.UTF_8);
  // Each crds/ file becomes a template that inserts it verbatim, so that Helm drops the CRDs of
  // disabled subcharts like it does with --include-crds (the embedded Helm never includes them).
  private static final String CRD_TEMPLATES = "templates/gitops-sdk-crds/";
  private static final Pattern CRD_FILE = Pattern.compile("((?:charts/[^/]+/)*)crds/");
  private static final tools.jackson.databind.json.JsonMapper VALUES_JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");
  private static final Pattern ERROR_FILE =
      Pattern.compile("([\\w.-]+(?:/[\\w.@-]+)+\\.(?:ya?ml|tpl|txt|json)):(\\d+)");

  private final String releaseName;
  private final String namespace;
  // Values in order: a String is a snapshot path (relative to the chart), a Map inline values.
  private final List<Object> valuesFiles;
  private final Map<String, String> setValues;
  private final String kubeVersion;
  private final boolean skipCrds;
  private final boolean skipHooks;
  private final boolean skipTests;
  private final YamlLimits limits;

  private HelmRenderer(Builder b) {
    this.releaseName = b.releaseName;
    this.namespace = b.namespace;
    this.valuesFiles = List.copyOf(b.valuesFiles);
    this.setValues = new LinkedHashMap<>(b.setValues);
    this.kubeVersion = b.kubeVersion;
    this.skipCrds = b.skipCrds;
    this.skipHooks = b.skipHooks;
    this.skipTests = b.skipTests;
    this.limits = b.limits;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Renders the chart at the snapshot root.
   *
   * @throws HelmNotAvailableException if helm-java or its native library is not on the class path
   * @throws HelmRenderException if there is no chart or Helm fails, naming the template and line
   * @throws ManifestParseException if a rendered document is not valid YAML
   * @throws InvalidManifestException if a rendered document is not a Kubernetes object
   * @throws DuplicateObjectException if the chart renders one object twice
   */
  @Override
  public RenderResult render(Snapshot snapshot) {
    String chart = snapshot.root().isEmpty() ? "/" : snapshot.root();
    if (!snapshot.isFile("Chart.yaml")) {
      throw new HelmRenderException(chart, "", 0, "no Chart.yaml at the snapshot root", null);
    }
    requireHelm();
    Path tmp;
    try {
      tmp = Files.createTempDirectory("gitops-helm-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for chart " + chart, e);
    }
    try {
      Path chartDir = tmp.resolve("chart");
      Tree tree = materialize(snapshot, chartDir, chart);
      List<Path> values = new ArrayList<>();
      for (int i = 0; i < valuesFiles.size(); i++) {
        Path p = tmp.resolve("values-" + i + ".yaml");
        byte[] content = valuesFiles.get(i) instanceof String path ? snapshot.read(path)
            : VALUES_JSON.writeValueAsBytes(valuesFiles.get(i)); // JSON is YAML
        Files.write(p, replace(content, HOOK_BYTES, STAND_IN_BYTES));
        values.add(p);
      }
      String out;
      try {
        out = HelmJavaBackend.template(chartDir, releaseName, namespace, kubeVersion, values,
            setValues);
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw translate(snapshot, chart, e);
      } catch (LinkageError e) { // helm-java's native library failed to load
        throw new HelmNotAvailableException(ARTIFACT, "Helm could not be loaded: " + e, e);
      }
      // helm-java gives null when nothing rendered (every template disabled).
      String manifests = out == null ? "" : out.replace(HOOK_STAND_IN, "helm.sh/hook");
      return parse(snapshot, manifests, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + chart + " to " + tmp, e);
    } finally {
      deleteRecursively(tmp);
    }
  }

  /**
   * Checks that helm-java and a native library for this platform are there, without loading the
   * native library (helm-java would otherwise download it).
   */
  static void requireHelm() {
    if (System.getProperty(SKIP_REMOTE_JAR) == null) {
      System.setProperty(SKIP_REMOTE_JAR, "true");
    }
    Class<?> nativeLibrary;
    try {
      // Seen from this class's loader, the one that links HelmJavaBackend to helm-java.
      ClassLoader own = HelmRenderer.class.getClassLoader();
      Class.forName("com.marcnuri.helm.Helm", false, own);
      nativeLibrary = Class.forName("com.marcnuri.helm.jni.NativeLibrary", false, own);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new HelmNotAvailableException(ARTIFACT, "rendering Helm charts needs " + ARTIFACT
          + " on the class path (an optional dependency of gitops-core): add it to your build", e);
    }
    // helm-java looks for its native library the same way: a NativeLibrary service (in a jar
    // named after the platform: linux-amd64, darwin-arm64, ..., which its pom adds per OS) seen
    // from the thread's context class loader.
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (!ServiceLoader.load(nativeLibrary, context).iterator().hasNext()) {
      String platform = platform();
      throw new HelmNotAvailableException("com.marcnuri.helm-java:" + platform + ":0.0.21",
          "helm-java is on the class path but not its native library for this platform: add "
              + "com.marcnuri.helm-java:" + platform + ":0.0.21 (nothing is downloaded at run time)",
          null);
    }
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String o = os.contains("win") ? "windows" : os.contains("mac") ? "darwin" : "linux";
    String a = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    return o + "-" + a;
  }

  /**
   * The chart as written for Helm.
   *
   * @param crdTemplates the CRD templates' paths (relative to the root) by the CRD file they insert
   * @param unpacked the directories that packaged subcharts were unpacked to ({@code charts/db/})
   *     by the archive's path
   */
  private record Tree(Map<String, String> crdTemplates, Map<String, String> unpacked) {}

  /**
   * Writes the chart to a directory: packaged subcharts unpacked (so that their hooks and CRDs
   * are seen), hook annotations renamed, and one template per CRD file of each chart (unless
   * CRDs are skipped).
   */
  private Tree materialize(Snapshot snapshot, Path dir, String chart) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, String> unpacked = new LinkedHashMap<>();
    Deque<Map.Entry<String, byte[]>> todo = new ArrayDeque<>();
    for (String f : snapshot.files()) {
      todo.add(Map.entry(f, snapshot.read(f)));
    }
    while (!todo.isEmpty()) {
      Map.Entry<String, byte[]> next = todo.poll();
      String f = next.getKey();
      if (ChartArchives.isChartArchive(f)) {
        Map<String, byte[]> entries = ChartArchives.read(chart,
            snapshot.repositoryPath(origin(snapshot, unpacked, f)), next.getValue());
        String top = topDirectory(entries);
        String target = top == null ? null : f.substring(0, f.lastIndexOf('/') + 1) + top + "/";
        // An unpacked directory of that name wins, as in Helm; so does a damaged layout.
        if (target != null && !snapshot.isDirectory(target)
            && files.keySet().stream().noneMatch(p -> p.startsWith(target))) {
          unpacked.put(target, f);
          entries.forEach((path, content) -> todo.add(Map.entry(
              f.substring(0, f.lastIndexOf('/') + 1) + path, content)));
          continue;
        }
      }
      files.put(f, next.getValue());
    }
    Map<String, String> crdTemplates = new HashMap<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String f = e.getKey();
      Path target = dir.resolve(f);
      Files.createDirectories(target.getParent());
      String lower = f.toLowerCase(Locale.ROOT);
      boolean archive = lower.endsWith(".tgz") || lower.endsWith(".tar.gz");
      Files.write(target, archive ? e.getValue() : replace(e.getValue(), HOOK_BYTES, STAND_IN_BYTES));
      int crds = crdDirectory(f);
      if (!skipCrds && crds >= 0 && isManifest(lower)
          && files.containsKey(f.substring(0, crds) + "Chart.yaml")) {
        String chartDir = f.substring(0, crds);
        String inChart = f.substring(crds); // crds/...
        String template = chartDir + CRD_TEMPLATES + inChart.substring("crds/".length());
        Path t = dir.resolve(template);
        Files.createDirectories(t.getParent());
        Files.writeString(t, "{{ .Files.Get " + goString(inChart) + " }}\n");
        crdTemplates.put(template, f);
      }
    }
    return new Tree(crdTemplates, unpacked);
  }

  /** The one directory that every entry of an archive is in ({@code helm package} makes one). */
  private static String topDirectory(Map<String, byte[]> entries) {
    String top = null;
    for (String path : entries.keySet()) {
      int slash = path.indexOf('/');
      String first = slash > 0 ? path.substring(0, slash) : null;
      if (first == null || (top != null && !top.equals(first))) {
        return null;
      }
      top = first;
    }
    return top;
  }

  /** The snapshot file a written file came from: itself, or the archive it was unpacked from. */
  private static String origin(Snapshot snapshot, Map<String, String> unpacked, String path) {
    String p = path;
    boolean moved = true;
    while (moved && !snapshot.isFile(p)) {
      moved = false;
      for (Map.Entry<String, String> e : unpacked.entrySet()) {
        if (p.startsWith(e.getKey())) {
          p = e.getValue();
          moved = true;
          break;
        }
      }
    }
    return p;
  }

  /** Index of the {@code crds/} segment of a chart's CRD file (at the root or a subchart), or -1. */
  private static int crdDirectory(String f) {
    Matcher m = CRD_FILE.matcher(f);
    return m.lookingAt() ? m.end(1) : -1;
  }

  private static boolean isManifest(String lowerPath) {
    return lowerPath.endsWith(".yaml") || lowerPath.endsWith(".yml") || lowerPath.endsWith(".json");
  }

  private static String goString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private RenderResult parse(Snapshot snapshot, String out, Tree tree) {
    List<Manifest> crds = new ArrayList<>();
    List<Manifest> objects = new ArrayList<>();
    List<Manifest> hooks = new ArrayList<>();
    Map<ObjectKey, SourceLocation> seen = new HashMap<>();
    Map<String, String> templateTexts = new HashMap<>();
    for (YamlDocuments.Chunk chunk : YamlDocuments.split(out)) {
      Matcher m = SOURCE.matcher(chunk.text());
      String helmPath = m.find() ? m.group(1).trim() : "";
      String inChart = unalias(snapshot, stripChartName(helmPath));
      String crd = tree.crdTemplates().get(inChart);
      String written = crd != null ? crd : inChart;
      // Objects of a packaged subchart are traced to the archive, without a line.
      String file = origin(snapshot, tree.unpacked(), written);
      String repoPath = file.isEmpty() ? snapshot.repositoryPath("Chart.yaml")
          : snapshot.repositoryPath(file);
      boolean inArchive = !file.equals(written);
      for (YamlDocuments.Document doc : YamlDocuments.parse(repoPath,
          chunk.text().getBytes(StandardCharsets.UTF_8), null, limits)) {
        if (doc.value() == null) {
          continue;
        }
        for (Map<String, ?> object : objects(doc.value(), new SourceLocation(repoPath, 0))) {
          SourceLocation at = new SourceLocation(repoPath,
              inArchive ? 0 : line(snapshot, file, object, crd != null, templateTexts));
          Manifest manifest = Manifest.of(object, at);
          SourceLocation earlier = seen.putIfAbsent(manifest.key(), at);
          if (earlier != null) {
            throw new DuplicateObjectException(manifest.key(), earlier, at);
          }
          (RenderResult.isHook(manifest) ? hooks : crd != null ? crds : objects).add(manifest);
        }
      }
    }
    // The helm CLI prints CRDs first, then the manifests (ordered by kind), then the hooks.
    crds.addAll(objects);
    if (!skipHooks) {
      for (Manifest hook : hooks) {
        if (!skipTests || !isTestHook(hook)) {
          crds.add(hook);
        }
      }
    }
    return new RenderResult(snapshot.revision(), crds, List.of());
  }

  /** Whether a hook runs on {@code helm test} (events {@code test} or {@code test-success}). */
  static boolean isTestHook(Manifest hook) {
    for (String event : hook.annotations().get(RenderResult.HOOK_ANNOTATION).split(",")) {
      if (event.trim().equals("test") || event.trim().equals("test-success")) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, ?>> objects(Object value, SourceLocation at) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidManifestException(at, "rendered document is not an object");
    }
    if ("List".equals(map.get("kind")) && "v1".equals(map.get("apiVersion"))
        && map.get("items") instanceof List<?> items) {
      List<Map<String, ?>> out = new ArrayList<>();
      for (Object item : items) {
        out.addAll(objects(item, at));
      }
      return out;
    }
    return List.of((Map<String, ?>) map);
  }

  /** The chart-relative path of Helm's {@code chart-name/templates/x.yaml}. */
  private static String stripChartName(String helmPath) {
    int slash = helmPath.indexOf('/');
    return slash < 0 ? "" : helmPath.substring(slash + 1);
  }

  /**
   * Helm names the templates of an aliased dependency after the alias ({@code charts/replica/...}
   * for {@code alias: replica} of {@code database}): maps such a path to the vendored directory.
   */
  private static String unalias(Snapshot snapshot, String path) {
    String prefix = "";
    String rest = path;
    while (rest.startsWith("charts/") && rest.indexOf('/', "charts/".length()) > 0) {
      int end = rest.indexOf('/', "charts/".length());
      String name = rest.substring("charts/".length(), end);
      if (!snapshot.isDirectory(prefix + "charts/" + name)) {
        name = dependencyOfAlias(snapshot, prefix + "Chart.yaml", name);
      }
      prefix = prefix + "charts/" + name + "/";
      rest = rest.substring(end + 1);
    }
    return prefix + rest;
  }

  private static String dependencyOfAlias(Snapshot snapshot, String chartYaml, String alias) {
    if (!snapshot.isFile(chartYaml)) {
      return alias;
    }
    for (YamlDocuments.Document d : YamlDocuments.parse(chartYaml, snapshot.read(chartYaml))) {
      if (d.value() instanceof Map<?, ?> chart && chart.get("dependencies") instanceof List<?> deps) {
        for (Object dep : deps) {
          if (dep instanceof Map<?, ?> m && alias.equals(m.get("alias")) && m.get("name") != null) {
            return String.valueOf(m.get("name"));
          }
        }
      }
    }
    return alias;
  }

  /** The line of an object's document in its template or CRD file, 0 when it cannot be told. */
  private static int line(Snapshot snapshot, String file, Map<String, ?> object, boolean crd,
      Map<String, String> texts) {
    if (file.isEmpty() || !snapshot.isFile(file)) {
      return 0;
    }
    String text = texts.computeIfAbsent(file, snapshot::readString);
    if (crd) { // plain YAML: find the document itself
      for (YamlDocuments.Document d : YamlDocuments.parse(file, text.getBytes(StandardCharsets.UTF_8))) {
        if (d.value() instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> meta
            && object.get("metadata") instanceof Map<?, ?> want
            && java.util.Objects.equals(meta.get("name"), want.get("name"))) {
          return d.location().line();
        }
      }
      return 0;
    }
    List<YamlDocuments.Chunk> docs = new ArrayList<>();
    for (YamlDocuments.Chunk c : YamlDocuments.split(text)) {
      if (firstContentLine(c) > 0) {
        docs.add(c);
      }
    }
    if (docs.size() == 1) {
      return firstContentLine(docs.get(0));
    }
    Pattern kind = Pattern.compile("(?m)^kind:\\s*[\"']?" + Pattern.quote(String.valueOf(object.get("kind")))
        + "[\"']?\\s*$");
    int found = 0;
    for (YamlDocuments.Chunk c : docs) {
      if (kind.matcher(c.text()).find()) {
        if (found != 0) {
          return 0; // two documents of that kind: cannot tell which
        }
        found = firstContentLine(c);
      }
    }
    return found;
  }

  /** File line of a chunk's first line that is neither blank, a comment nor a marker; 0 if none. */
  private static int firstContentLine(YamlDocuments.Chunk c) {
    String[] lines = c.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("#") && !l.startsWith("---")) {
        return c.firstLine() + i;
      }
    }
    return 0;
  }

  private GitOpsException translate(Snapshot snapshot, String chart, RuntimeException e) {
    String message = String.valueOf(e.getMessage()).replace(HOOK_STAND_IN, "helm.sh/hook").strip();
    Matcher m = ERROR_FILE.matcher(message);
    if (m.find()) {
      String inChart = stripChartName(m.group(1));
      String file = snapshot.isFile(inChart) ? snapshot.repositoryPath(inChart) : m.group(1);
      return new HelmRenderException(chart, file, Integer.parseInt(m.group(2)), message, e);
    }
    return new HelmRenderException(chart, "", 0, message, e);
  }

  private static byte[] replace(byte[] in, byte[] what, byte[] with) {
    int i = indexOf(in, what, 0);
    if (i < 0) {
      return in;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length + 64);
    int from = 0;
    while (i >= 0) {
      out.write(in, from, i - from);
      out.write(with, 0, with.length);
      from = i + what.length;
      i = indexOf(in, what, from);
    }
    out.write(in, from, in.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    outer:
    for (int i = from; i <= in.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // A leftover temporary directory is harmless; the render itself has succeeded or failed.
    }
  }

  /** Options of a {@link HelmRenderer}. */
  public static final class Builder {
    private String releaseName = "release-name";
    private String namespace = "default";
    private final List<Object> valuesFiles = new ArrayList<>();
    private final Map<String, String> setValues = new LinkedHashMap<>();
    private String kubeVersion = DEFAULT_KUBE_VERSION;
    private boolean skipCrds;
    private boolean skipHooks;
    private boolean skipTests;
    private YamlLimits limits = YamlLimits.DEFAULTS;

    private Builder() {}

    /** Limits on the rendered documents' size and aliases; {@link YamlLimits#DEFAULTS} unless set. */
    public Builder limits(YamlLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /** The release name ({@code .Release.Name}); default {@code release-name}, as helm template. */
    public Builder releaseName(String releaseName) {
      this.releaseName = requireNonNull(releaseName, "releaseName");
      return this;
    }

    /** The release namespace ({@code .Release.Namespace}); default {@code default}. */
    public Builder namespace(String namespace) {
      this.namespace = requireNonNull(namespace, "namespace");
      return this;
    }

    /** Adds a values file, a snapshot path relative to the chart; later files win. */
    public Builder valuesFile(String path) {
      this.valuesFiles.add(requireNonNull(path, "path"));
      return this;
    }

    /**
     * Adds values given as a tree (what a values file would hold), in order with the values
     * files: later ones win.
     */
    public Builder values(Map<String, ?> values) {
      this.valuesFiles.add(new LinkedHashMap<>(requireNonNull(values, "values")));
      return this;
    }

    /** Leaves out test hooks ({@code helm template --skip-tests}). */
    public Builder skipTests() {
      this.skipTests = true;
      return this;
    }

    /** Sets one value as {@code --set key=value} does (after the values files). */
    public Builder set(String key, String value) {
      setValues.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * The Kubernetes version seen by {@code .Capabilities.KubeVersion} and checked against a
     * chart's {@code kubeVersion}, e.g. {@code v1.31.0}; default {@link #DEFAULT_KUBE_VERSION}, as
     * the released helm CLI.
     */
    public Builder kubeVersion(String kubeVersion) {
      this.kubeVersion = requireNonNull(kubeVersion, "kubeVersion");
      return this;
    }

    /** Leaves out the CRDs of {@code crds/} directories ({@code helm template} without --include-crds). */
    public Builder skipCrds() {
      this.skipCrds = true;
      return this;
    }

    /** Leaves out hooks ({@code helm template --no-hooks}). */
    public Builder skipHooks() {
      this.skipHooks = true;
      return this;
    }

    public HelmRenderer build() {
      return new HelmRenderer(this);
    }
  }
}
