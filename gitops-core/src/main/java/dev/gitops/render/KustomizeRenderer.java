package dev.gitops.render;

import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Kustomization at the snapshot root ({@code kustomization.yaml},
 * {@code kustomization.yml} or {@code Kustomization}) the way {@code kustomize build} does,
 * without running kustomize.
 *
 * <p>Supported: resources (files, and directories with a kustomization anywhere in the
 * repository), components, namespace, namePrefix and nameSuffix with name references rewritten,
 * commonLabels, labels, commonAnnotations, images, replicas, configMapGenerator and
 * secretGenerator (content-hash suffixes as Kustomize computes them, behaviors, generator
 * options), patches, patchesStrategicMerge, patchesJson6902, replacements, vars, configurations
 * (field specs for custom resources) and sortOptions; see
 * {@code docs/kustomize.md} for the known differences. A field this renderer does not support is
 * an error, never silently ignored.
 *
 * <p>Files a kustomization names (resources, patches, generator inputs) must lie in or below its
 * directory, as with kustomize's default load restriction, unless
 * {@link Builder#allowFilesOutsideKustomization()} lifts it (kustomize's
 * {@code --load-restrictor LoadRestrictionsNone}, Flux's default); they must stay in the
 * repository either way. Remote bases (URLs) are refused ({@link RemoteResourceException}) unless
 * {@link Builder#remoteBases} maps them to configured Git sources: a render depends only on
 * what the application is configured to read. Kustomizations that include each other fail with
 * {@link KustomizationCycleException}; other problems with a {@link KustomizeException} naming
 * the kustomization file.
 */
public final class KustomizeRenderer implements Renderer {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private final boolean rootOnly;
  private final RemoteBases remoteBases;

  private KustomizeRenderer(Builder b) {
    this.rootOnly = b.rootOnly;
    this.remoteBases = b.remoteBases;
  }

  /** A renderer with kustomize's defaults. */
  public static KustomizeRenderer create() {
    return builder().build();
  }

  /** Options for a renderer that differs from kustomize's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RenderResult render(Snapshot snapshot) {
    return renderWithProvenance(snapshot).result();
  }

  /** Renders and tells, for each object, where it came from and which kustomizations shaped it. */
  public KustomizeResult renderWithProvenance(Snapshot snapshot) {
    List<KObject> built = new KustomizeBuild(snapshot, rootOnly, remoteBases).run();
    List<Manifest> objects = new ArrayList<>(built.size());
    Map<ObjectKey, KustomizeProvenance> provenance = new LinkedHashMap<>();
    for (KObject o : built) {
      String nonFinite = hasNonFinite(o.tree()) ? nonFinite(o.tree(), "") : null;
      if (nonFinite != null) {
        // kustomize writes its output as JSON first and fails there: JSON has no infinity or NaN.
        throw new KustomizeException(o.source().path(), "unsupported value " + nonFinite
            + " (.inf, -.inf and .nan have no JSON form; quote the value to keep it as text)");
      }
      // The manifest's location names the patches and transformers too, so later stages
      // (diff, policy) report them with the file and line.
      Manifest m = Manifest.of(o.tree(), o.source().withVia(o.transformations()));
      objects.add(m);
      provenance.put(m.key(), new KustomizeProvenance(
          o.source(), o.kustomizations(), o.changedBy(), o.transformations(), o.generated()));
    }
    return new KustomizeResult(new RenderResult(snapshot.revision(), objects, List.of()), provenance);
  }

  // The check without paths: building each node's path costs more than the render's transformers.
  private static boolean hasNonFinite(Object v) {
    if (v instanceof Double d) {
      return !Double.isFinite(d);
    }
    if (v instanceof Map<?, ?> m) {
      for (Object child : m.values()) {
        if (hasNonFinite(child)) {
          return true;
        }
      }
    } else if (v instanceof List<?> l) {
      for (Object child : l) {
        if (hasNonFinite(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first infinite or NaN number in a tree, as {@code path = value}, or null. */
  private static String nonFinite(Object v, String path) {
    if (v instanceof Double d && !Double.isFinite(d)) {
      return path + " = " + d;
    }
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String found = nonFinite(e.getValue(), path + "." + e.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (v instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        String found = nonFinite(l.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Options of a {@link KustomizeRenderer}. */
  public static final class Builder {
    private boolean rootOnly = true;
    private RemoteBases remoteBases = RemoteBases.refuse();

    private Builder() {}

    /**
     * Where remote bases (URLs in resources) come from; by default they are refused. See
     * {@link GitRemoteBases} for bases read from configured Git sources.
     */
    public Builder remoteBases(RemoteBases resolver) {
      this.remoteBases = java.util.Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Lets kustomizations name files outside their own directory (still inside the repository),
     * like kustomize's {@code --load-restrictor LoadRestrictionsNone}.
     */
    public Builder allowFilesOutsideKustomization() {
      this.rootOnly = false;
      return this;
    }

    /** The renderer with these options. */
    public KustomizeRenderer build() {
      return new KustomizeRenderer(this);
    }
  }
}
