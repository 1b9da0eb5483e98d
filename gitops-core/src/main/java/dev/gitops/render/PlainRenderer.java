package dev.gitops.render;

import dev.gitops.model.InvalidManifestException;
import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Snapshot;
import dev.gitops.model.SourceLocation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a directory of plain manifests: every {@code .yaml}, {@code .yml} and {@code .json}
 * file below the root, in path order, each document in file order; {@code kind: List} objects
 * are flattened into their items. Empty documents are ignored.
 *
 * <p>With {@link Builder#variables}, per-cluster variables are substituted into each YAML
 * document's text first (see {@link VariableSubstitution}).
 *
 * <p>A document that is not a Kubernetes object, or a second declaration of the same object, is
 * an error naming the file and line (both places for a duplicate), unless the builder asks to
 * skip such documents; skipped documents are listed in {@link RenderResult#skipped()}. A
 * Kustomization file ({@link Renderers#KUSTOMIZATION_FILES}) below the root is such an error too,
 * naming its directory as a Kustomize directory: {@link Renderers#forDirectory} renders those.
 */
public final class PlainRenderer implements Renderer {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  /**
   * {@code Snapshot.own}: a file's contents without a copy. Package-private there so that no
   * public method hands out a snapshot's arrays; this renderer only reads them (and keeps them in
   * its cache, where the next render of the same snapshot finds them by identity).
   */
  private static final MethodHandle OWN;

  static {
    try {
      OWN = MethodHandles.privateLookupIn(Snapshot.class, MethodHandles.lookup())
          .findVirtual(Snapshot.class, "own", MethodType.methodType(byte[].class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static byte[] own(Snapshot snapshot, String file) {
    try {
      return (byte[]) OWN.invokeExact(snapshot, file);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e); // own declares no checked exception
    }
  }

  private final boolean skipInvalid;
  private final boolean skipDuplicates;
  private final VariableSubstitution variables;
  private final YamlLimits limits;
  // Replaced whole after each render; volatile so a render on another thread sees the last one.
  private volatile Map<String, Parsed> cache = Map.of();

  private PlainRenderer(Builder b) {
    this.skipInvalid = b.skipInvalid;
    this.skipDuplicates = b.skipDuplicates;
    this.variables = b.variables;
    this.limits = b.limits;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A renderer that fails on any invalid or duplicate document. */
  public static PlainRenderer strict() {
    return builder().build();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Files whose path and content equal those of the renderer's previous render are not parsed
   * again: their objects (immutable, the same instances) come from a cache that holds the last
   * render's files, up to {@link #CACHE_BYTES} of content. So a new commit that changes one file
   * of thousands parses one file, and the engine's later stages see unchanged objects as the
   * same instances.
   */
  @Override
  public RenderResult render(Snapshot snapshot) {
    List<Manifest> objects = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<ObjectKey, SourceLocation> seen = new HashMap<>();
    Map<String, Parsed> next = new HashMap<>();
    long cachedBytes = 0;
    for (String file : snapshot.files()) {
      String repoPath = snapshot.repositoryPath(file);
      if (isKustomization(file)) {
        // Its objects come from kustomize build, not from its own text: rendering it (or the
        // extension-less Kustomization file, not YAML by name) plainly would be wrong.
        InvalidManifestException e = kustomizeDirectory(repoPath);
        if (!skipInvalid) {
          throw e;
        }
        skipped.add(e.getMessage());
        continue;
      }
      if (!isManifestFile(file)) {
        continue;
      }
      byte[] content = own(snapshot, file); // never changed, here or in the cache
      Parsed parsed = cache.get(repoPath);
      if (parsed == null || parsed.content() != content && !Arrays.equals(parsed.content(), content)) {
        parsed = parse(repoPath, content);
      }
      if (cachedBytes + parsed.content().length <= CACHE_BYTES) {
        next.put(repoPath, parsed);
        cachedBytes += parsed.content().length;
      }
      skipped.addAll(parsed.skipped());
      for (Manifest m : parsed.objects()) {
        SourceLocation earlier = seen.putIfAbsent(m.key(), m.source());
        if (earlier == null) {
          objects.add(m);
        } else if (skipDuplicates) {
          skipped.add(new DuplicateObjectException(m.key(), earlier, m.source()).getMessage());
        } else {
          throw new DuplicateObjectException(m.key(), earlier, m.source());
        }
      }
    }
    cache = next; // the last complete render's files only: renamed and deleted files drop out
    return new RenderResult(snapshot.revision(), objects, skipped);
  }

  /** Most file content, in bytes, whose parsed objects are kept between renders: 256 MiB. */
  public static final long CACHE_BYTES = 256L * 1024 * 1024;

  private Parsed parse(String repoPath, byte[] content) {
    List<Manifest> objects = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    YamlDocuments.Rewrite rewrite = variables == null ? null
        : (doc, text) -> variables.substitute(doc.value(), text, doc.location());
    for (YamlDocuments.Document doc : YamlDocuments.parseToFreeze(repoPath, content, rewrite, limits)) {
      if (doc.value() != null) {
        objects.addAll(toManifests(doc.value(), doc.location(), skipped));
      }
    }
    return new Parsed(content, List.copyOf(objects), List.copyOf(skipped));
  }

  /** One file's objects, with the content they came from: a snapshot's own array, only read. */
  private record Parsed(byte[] content, List<Manifest> objects, List<String> skipped) {}

  private List<Manifest> toManifests(Object value, SourceLocation at, List<String> skipped) {
    if (!(value instanceof Map<?, ?> map)) {
      return invalid(at, "document is not an object", skipped);
    }
    if ("List".equals(map.get("kind")) && map.get("items") instanceof List<?> items
        && String.valueOf(map.get("apiVersion")).equals("v1")) {
      List<Manifest> out = new ArrayList<>();
      for (Object item : items) {
        out.addAll(toManifests(item, at, skipped));
      }
      return out;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, ?> object = (Map<String, ?>) map;
      return List.of(Manifest.of(object, at));
    } catch (InvalidManifestException e) {
      if (skipInvalid) {
        skipped.add(e.getMessage());
        return List.of();
      }
      if (String.valueOf(map.get("apiVersion")).startsWith("kustomize.config.k8s.io/")) {
        throw new InvalidManifestException(at, "this is a " + map.get("kind") + ", not a Kubernetes object:"
            + " render its directory with Renderers.forDirectory(snapshot) or KustomizeRenderer");
      }
      throw e;
    }
  }

  private List<Manifest> invalid(SourceLocation at, String why, List<String> skipped) {
    InvalidManifestException e = new InvalidManifestException(at, why);
    if (skipInvalid) {
      skipped.add(e.getMessage());
      return List.of();
    }
    throw e;
  }

  private static boolean isKustomization(String path) {
    return Renderers.KUSTOMIZATION_FILES.contains(path.substring(path.lastIndexOf('/') + 1));
  }

  private static InvalidManifestException kustomizeDirectory(String repoPath) {
    int slash = repoPath.lastIndexOf('/');
    String dir = slash < 0 ? "the repository root" : "'" + repoPath.substring(0, slash) + "'";
    String file = repoPath.substring(slash + 1);
    return new InvalidManifestException(new SourceLocation(repoPath, 0), dir
        + " is a Kustomize directory (it holds " + file + "), which a plain renderer does not render:"
        + " use Renderers.forDirectory(snapshot), which detects it, or KustomizeRenderer.create()");
  }

  static boolean isManifestFile(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".yaml") || p.endsWith(".yml") || p.endsWith(".json");
  }

  /** Options of a {@link PlainRenderer}. */
  public static final class Builder {
    private boolean skipInvalid;
    private boolean skipDuplicates;
    private VariableSubstitution variables;
    private YamlLimits limits = YamlLimits.DEFAULTS;

    private Builder() {}

    /** Limits on document size and aliases; {@link YamlLimits#DEFAULTS} unless set. */
    public Builder limits(YamlLimits limits) {
      this.limits = java.util.Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Substitute per-cluster variables into each YAML document before parsing it. */
    public Builder variables(VariableSubstitution variables) {
      this.variables = java.util.Objects.requireNonNull(variables, "variables");
      return this;
    }

    /** Leave out documents that are not Kubernetes objects instead of failing. */
    public Builder skipInvalidDocuments() {
      this.skipInvalid = true;
      return this;
    }

    /** Keep the first declaration of an object declared twice instead of failing. */
    public Builder skipDuplicateObjects() {
      this.skipDuplicates = true;
      return this;
    }

    public PlainRenderer build() {
      return new PlainRenderer(this);
    }
  }
}
