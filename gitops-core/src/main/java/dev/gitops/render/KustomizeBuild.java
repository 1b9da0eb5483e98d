package dev.gitops.render;

import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kustomize build over a snapshot: loads kustomizations recursively, accumulates their
 * resources, runs generators and transformers in Kustomize's order at each level, then the steps
 * Kustomize does once at the top (content hashes, name references, output order);
 * package-private.
 */
final class KustomizeBuild {
  private final Snapshot snapshot;
  private final List<String> chain = new ArrayList<>();
  private final boolean rootOnly;
  private final RemoteBases remoteBases;
  /** URLs of the remote bases being built around this one, outermost first, for cycles. */
  private final List<String> remoteChain;
  /** Prefix of source locations: the remote URL for a remote base's build, else empty. */
  private final String origin;
  /** The built root's buildMetadata (none in a remote base's build: its parent checks). */
  private BuildMetadata.Options buildMetadata = new BuildMetadata.Options(false, false, false);

  KustomizeBuild(Snapshot snapshot, boolean rootOnly, RemoteBases remoteBases) {
    this(snapshot, rootOnly, remoteBases, List.of(), "");
  }

  private KustomizeBuild(Snapshot snapshot, boolean rootOnly, RemoteBases remoteBases,
      List<String> remoteChain, String origin) {
    this.snapshot = snapshot;
    this.rootOnly = rootOnly;
    this.remoteBases = remoteBases;
    this.remoteChain = remoteChain;
    this.origin = origin;
  }

  /** The objects of the kustomization at the snapshot root, in output order. */
  List<KObject> run() {
    Kustomization root = load(snapshot.root(), null);
    buildMetadata = BuildMetadata.Options.of(root);
    chain.add(root.dir());
    List<KObject> objects = new ArrayList<>();
    TransformerConfig config = new TransformerConfig();
    accumulate(root, objects, config);
    EmptyAnnotations.drop(objects);
    for (KObject o : objects) {
      if (o.hashSuffix()) {
        o.rename(o.name() + "-" + ContentHash.of(o.tree()));
      }
    }
    NameReferences.fix(root.file(), objects, config.nameReferences);
    Vars.resolve(root.file(), config.vars, config.varReferences, objects);
    checkUnique(objects);
    List<KObject> sorted = Sorting.sort(root, objects);
    BuildMetadata.write(root, buildMetadata, sorted);
    return sorted;
  }

  private Kustomization load(String dir, Kustomization includedBy) {
    String found = null;
    for (String name : Kustomization.FILE_NAMES) {
      String p = dir.isEmpty() ? name : dir + "/" + name;
      if (KustomizeFiles.isFile(snapshot, p)) {
        if (found != null) {
          throw new KustomizeException(p, "directory '" + dir + "' has more than one kustomization file");
        }
        found = p;
      }
    }
    if (found == null) {
      String where = includedBy == null ? (dir.isEmpty() ? "." : dir) : includedBy.file();
      throw new KustomizeException(where, "no kustomization.yaml, kustomization.yml or Kustomization in '"
          + (dir.isEmpty() ? "." : dir) + "'");
    }
    byte[] content = snapshot.read(KustomizeFiles.fromRoot(snapshot, found));
    List<YamlDocuments.Document> docs = KustomizeFiles.parseYaml(found, content);
    if (docs.size() > 1) {
      throw new KustomizeException(found, "a kustomization file must hold one YAML document");
    }
    return Kustomization.parse(found, dir, docs.isEmpty() ? null : docs.get(0).value(),
        new String(content, StandardCharsets.UTF_8), rootOnly);
  }

  /** A build of a remote base, through the configured resolver. */
  private KustomizeBuild remote(Kustomization k, String url) {
    if (buildMetadata.annotations()) {
      throw new KustomizeException(k.file(), "buildMetadata originAnnotations and transformerAnnotations "
          + "are not supported with remote bases ('" + url + "'): kustomize writes the clone URL and ref "
          + "there, which this renderer does not reproduce");
    }
    if (remoteChain.contains(url)) {
      List<String> cycle = new ArrayList<>(remoteChain.subList(remoteChain.indexOf(url), remoteChain.size()));
      cycle.add(url);
      throw new KustomizationCycleException(cycle);
    }
    Snapshot base = remoteBases.resolve(k.file(), url);
    List<String> chainThere = new ArrayList<>(remoteChain);
    chainThere.add(url);
    return new KustomizeBuild(base, rootOnly, remoteBases, chainThere, url);
  }

  /** Accumulates the kustomization at this build's root, as a base of another build. */
  private void accumulateRoot(List<KObject> objects, TransformerConfig config) {
    Kustomization root = load(snapshot.root(), null);
    chain.add(root.dir());
    accumulate(root, objects, config);
  }

  /**
   * Adds a kustomization's resources and generated objects to {@code objects}, then transforms
   * them all: a kustomization starts from an empty list, a component from its parent's.
   */
  private void accumulate(Kustomization k, List<KObject> objects, TransformerConfig config) {
    List<String> resources = new ArrayList<>(k.strings("resources"));
    resources.addAll(k.strings("bases"));
    // The identities seen so far, kept across the resources instead of rebuilt for each one.
    Map<dev.gitops.model.ObjectKey, KObject> seen = new HashMap<>();
    objects.forEach(o -> seen.put(o.key(), o));
    for (String entry : resources) {
      if (KustomizeFiles.isRemote(entry)) {
        List<KObject> built = new ArrayList<>();
        TransformerConfig subConfig = new TransformerConfig();
        remote(k, entry).accumulateRoot(built, subConfig);
        config.mergeFrom(subConfig);
        addAll(objects, built, seen);
        continue;
      }
      String path = KustomizeFiles.join(k, k.dir(), entry);
      if (KustomizeFiles.isFile(snapshot, path)) {
        addAll(objects, readObjects(k, path), seen);
      } else if (KustomizeFiles.isDirectory(snapshot, path)) {
        Kustomization sub = enter(k, path);
        if (sub.isComponent()) {
          throw new KustomizeException(k.file(), "'" + entry + "' is a Component; list it under components");
        }
        List<KObject> built = new ArrayList<>();
        TransformerConfig subConfig = new TransformerConfig();
        accumulate(sub, built, subConfig);
        config.mergeFrom(subConfig);
        chain.remove(chain.size() - 1);
        addAll(objects, built, seen);
      } else {
        throw new KustomizeException(k.file(), "resource '" + entry + "' does not exist");
      }
    }
    config.load(k, snapshot);
    // Tree hashes as they came from the resources, to tell which objects this kustomization
    // changes; a collision would only drop one provenance entry.
    // A kustomization of only resources (most bases) changes nothing: no hashing needed.
    boolean inert = INERT_FIELDS.containsAll(k.fields().keySet());
    Map<KObject, Integer> before = inert ? null : hashes(objects);
    Generators.run(k, snapshot, objects);
    addAll(objects, HelmCharts.inflate(k, snapshot));
    for (PluginConfig generator : plugins(k, "generators")) {
      BuiltinGenerators.generate(generator, snapshot, objects);
    }
    for (String entry : k.strings("components")) {
      if (KustomizeFiles.isRemote(entry)) {
        throw new RemoteResourceException(k.file(), entry);
      }
      String path = KustomizeFiles.join(k, k.dir(), entry);
      if (!KustomizeFiles.isDirectory(snapshot, path)) {
        throw new KustomizeException(k.file(), "component '" + entry + "' is not a directory");
      }
      Kustomization component = enter(k, path);
      if (!component.isComponent()) {
        throw new KustomizeException(k.file(), "'" + entry + "' is not a Component (kind: Component)");
      }
      accumulate(component, objects, config);
      chain.remove(chain.size() - 1);
    }
    // Each transformation in kustomize's order; what each changed goes into the provenance.
    Steps steps = new Steps(k, objects);
    steps.run("patchesStrategicMerge", k.has("patchesStrategicMerge"),
        () -> Patches.strategicMerge(k, snapshot, objects));
    steps.run("patches", k.has("patches"), () -> Patches.patches(k, snapshot, objects));
    steps.run("namespace", k.has("namespace"), () -> NamespaceTransformer.run(k, objects));
    steps.run("namePrefix/nameSuffix", k.has("namePrefix") || k.has("nameSuffix"),
        () -> NameTransformers.prefixSuffix(k, objects));
    steps.run("labels", k.has("commonLabels") || k.has("labels") || k.has("commonAnnotations"),
        () -> LabelTransformer.run(k, objects, config));
    steps.run("patchesJson6902", k.has("patchesJson6902"), () -> Patches.json6902(k, snapshot, objects));
    steps.run("replicas", k.has("replicas"), () -> NameTransformers.replicas(k, objects));
    steps.run("images", k.has("images"),
        () -> ImageTransformer.run(k, objects, config));
    steps.run("replacements", k.has("replacements"), () -> Replacements.run(k, snapshot, objects));
    for (PluginConfig transformer : plugins(k, "transformers")) {
      steps.run(transformer.describe(), true, () -> BuiltinTransformers.transform(transformer, snapshot, objects));
    }
    // Records the kustomization's own transformer fields; configurations under transformers: are not recorded.
    BuildMetadata.recordTransformers(k, objects);
    if (inert) {
      objects.forEach(o -> o.passedThrough(k.file(), false));
      return;
    }
    Map<KObject, Integer> after = steps.hashes();
    for (KObject o : objects) {
      Integer was = before.get(o);
      o.passedThrough(k.file(), was == null ? o.generated() : !was.equals(after.get(o)));
    }
  }

  /** Fields that change no object where accumulate reads them; any other field may. */
  private static final java.util.Set<String> INERT_FIELDS = java.util.Set.of(
      "apiVersion", "kind", "metadata", "resources", "bases", "configurations", "sortOptions",
      "buildMetadata", "generatorOptions");

  private static Map<KObject, Integer> hashes(List<KObject> objects) {
    Map<KObject, Integer> out = new java.util.IdentityHashMap<>(objects.size() * 2);
    for (KObject o : objects) {
      out.put(o, o.tree().hashCode());
    }
    return out;
  }

  /**
   * Runs a kustomization's transformations in order and records each on every object whose tree
   * it changed. Trees are compared by deep hash, which costs no copy; the hashes after one step
   * are those before the next, and a step the kustomization does not configure changes nothing,
   * so it is neither run nor hashed.
   */
  private static final class Steps {
    private final Kustomization k;
    private final List<KObject> objects;
    private Map<KObject, Integer> current;

    Steps(Kustomization k, List<KObject> objects) {
      this.k = k;
      this.objects = objects;
    }

    void run(String what, boolean configured, Runnable step) {
      if (!configured) {
        return;
      }
      Map<KObject, Integer> before = hashes();
      step.run();
      current = KustomizeBuild.hashes(objects);
      for (KObject o : objects) {
        Integer h = before.get(o);
        if (h != null && !h.equals(current.get(o))) {
          o.transformedBy(k.file() + ": " + what);
        }
      }
    }

    /** The objects' tree hashes now. */
    Map<KObject, Integer> hashes() {
      if (current == null || current.size() != objects.size()) {
        current = KustomizeBuild.hashes(objects);
      }
      return current;
    }
  }

  /**
   * The built-in plugin configurations a kustomization lists under {@code transformers} or
   * {@code generators}, in order: inline YAML, files, and kustomization directories (whose built
   * output are the configurations), as kustomize reads them. A configuration must have
   * {@code apiVersion: builtin}: exec, KRM function and Go plugins are refused.
   */
  private List<PluginConfig> plugins(Kustomization k, String field) {
    List<PluginConfig> out = new ArrayList<>();
    for (String entry : k.strings(field)) {
      for (KObject o : pluginObjects(k, field, entry)) {
        String file = o.source().path();
        // Within a remote base's build, locations name the URL before the repository path.
        String inRepo = origin.isEmpty() ? file : file.substring(file.indexOf(' ') + 1);
        String text = new String(snapshot.read(KustomizeFiles.fromRoot(snapshot, inRepo)), StandardCharsets.UTF_8);
        PluginConfig config = new PluginConfig(k, field, file, text, o.tree());
        if (!config.apiVersion().equals("builtin")) {
          throw config.error("only built-in " + field + " (apiVersion: builtin) are supported; "
              + config.kind() + " with apiVersion '" + config.apiVersion()
              + "' would be an exec, KRM function or Go plugin, which this renderer does not run");
        }
        out.add(config);
      }
    }
    return out;
  }

  /** The objects of one transformers or generators entry. */
  private List<KObject> pluginObjects(Kustomization k, String field, String entry) {
    if (entry.contains("\n") || entry.trim().startsWith("{")) {
      List<KObject> out = new ArrayList<>();
      for (YamlDocuments.Document doc : KustomizeFiles.parseYaml(k.file(), entry.getBytes(StandardCharsets.UTF_8))) {
        if (doc.value() != null) {
          flatten(k, doc.value(), new SourceLocation(k.file(), k.lineOf(entry)), out);
        }
      }
      return out;
    }
    if (KustomizeFiles.isRemote(entry)) {
      throw new RemoteResourceException(k.file(), entry);
    }
    String path = KustomizeFiles.join(k, k.dir(), entry);
    if (KustomizeFiles.isFile(snapshot, path)) {
      return readObjects(k, path);
    }
    if (!KustomizeFiles.isDirectory(snapshot, path)) {
      throw new KustomizeException(k.file(), field + ": '" + entry + "' does not exist");
    }
    Kustomization sub = enter(k, path);
    if (sub.isComponent()) {
      throw new KustomizeException(k.file(), field + ": '" + entry + "' is a Component");
    }
    List<KObject> built = new ArrayList<>();
    accumulate(sub, built, new TransformerConfig());
    chain.remove(chain.size() - 1);
    return built;
  }

  private Kustomization enter(Kustomization from, String dir) {
    if (chain.contains(dir)) {
      List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(dir), chain.size()));
      cycle.add(dir);
      throw new KustomizationCycleException(cycle);
    }
    Kustomization k = load(dir, from);
    chain.add(dir);
    return k;
  }

  private List<KObject> readObjects(Kustomization k, String path) {
    if (rootOnly && !k.dir().isEmpty() && !path.startsWith(k.dir() + "/")) {
      throw new KustomizeException(k.file(), "resource file '" + path
          + "' is not in or below the kustomization's directory '" + k.dir() + "'");
    }
    List<KObject> out = new ArrayList<>();
    byte[] content = snapshot.read(KustomizeFiles.fromRoot(snapshot, path));
    // Objects of a remote base name their repository URL before the path.
    String shown = origin.isEmpty() ? path : origin.replaceFirst("\\?.*$", "") + " " + path;
    for (YamlDocuments.Document doc : KustomizeFiles.parseResource(shown, content)) {
      if (doc.value() != null) {
        flatten(k, doc.value(), doc.location(), out);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(Kustomization k, Object value, SourceLocation at, List<KObject> out) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new KustomizeException(k.file(), at + ": document is not an object");
    }
    if (m.get("kind") instanceof String kind && kind.endsWith("List") && m.get("items") instanceof List<?> items) {
      for (Object item : items) {
        flatten(k, item, at, out);
      }
      return;
    }
    KObject o = new KObject(deepCopy((Map<String, Object>) m), at, false);
    if (o.kind().isEmpty() || o.apiVersion().isEmpty() || o.name().isEmpty()) {
      throw new KustomizeException(k.file(), at + ": object has no apiVersion, kind or metadata.name");
    }
    out.add(o);
  }

  static Map<String, Object> deepCopy(Map<String, Object> m) {
    return dev.gitops.model.ObjectTree.thaw(m);
  }

  static Object deepCopyValue(Object v) {
    return dev.gitops.model.ObjectTree.thawValue(v);
  }

  private static void addAll(List<KObject> objects, List<KObject> more) {
    if (more.isEmpty()) {
      return;
    }
    Map<dev.gitops.model.ObjectKey, KObject> seen = new HashMap<>();
    objects.forEach(o -> seen.put(o.key(), o));
    addAll(objects, more, seen);
  }

  /** Adds objects to a list whose identities {@code seen} holds, and adds theirs. */
  private static void addAll(List<KObject> objects, List<KObject> more, Map<dev.gitops.model.ObjectKey, KObject> seen) {
    for (KObject o : more) {
      KObject earlier = seen.putIfAbsent(o.key(), o);
      if (earlier != null) {
        throw new DuplicateObjectException(o.key(), earlier.source(), o.source());
      }
      objects.add(o);
    }
  }

  private static void checkUnique(List<KObject> objects) {
    addAll(new ArrayList<>(), objects);
  }
}
