package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Chooses the renderer for a directory by what it holds: a
 * {@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization} file means
 * Kustomize, a {@code Chart.yaml} means Helm, anything else is plain manifests.
 *
 * <p>The kinds are data: an ordered list of {@link Kind}s (name, detector, renderer factory), the
 * first whose detector matches wins. {@link Builder} adds kinds, replaces the renderer of a kind
 * (a Helm release name, variables for plain manifests) or forces one kind. A {@link Selector} is
 * itself a {@link Renderer}.
 *
 * <pre>{@code
 * Renderer r = Renderers.builder()
 *     .use(Renderers.HELM, () -> HelmRenderer.builder().releaseName("shop").build())
 *     .build();
 * RenderResult result = r.render(snapshot); // Kustomize, Helm or plain, by directory
 * }</pre>
 */
public final class Renderers {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  public static final String KUSTOMIZE = "kustomize";
  public static final String HELM = "helm";
  public static final String PLAIN = "plain";

  /** The file names that make a directory a Kustomization (kustomize's own list). */
  public static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  // Detection order matters: a kustomization may inflate a chart itself, so it wins over Helm.
  private static final List<Kind> DEFAULT_KINDS = List.of(
      new Kind(KUSTOMIZE, s -> KUSTOMIZATION_FILES.stream().anyMatch(s::isFile),
          KustomizeRenderer::create),
      new Kind(HELM, s -> s.isFile("Chart.yaml"), () -> HelmRenderer.builder().build()),
      new Kind(PLAIN, s -> true, PlainRenderer::strict));

  private Renderers() {}

  /**
   * One kind of directory.
   *
   * @param name the kind's name, e.g. {@value #HELM}
   * @param detects whether a directory (the snapshot's root) is of this kind
   * @param renderer makes the renderer for it (called for each directory chosen)
   */
  public record Kind(String name, Predicate<Snapshot> detects, Supplier<? extends Renderer> renderer) {
    public Kind {
      requireNonNull(name, "name");
      requireNonNull(detects, "detects");
      requireNonNull(renderer, "renderer");
    }
  }

  /** The default kinds, in detection order: Kustomize, Helm, plain. */
  public static List<Kind> defaultKinds() {
    return DEFAULT_KINDS;
  }

  /** The renderer, with default options, for the directory at the snapshot's root. */
  public static Renderer forDirectory(Snapshot snapshot) {
    return defaults().choose(snapshot);
  }

  /** A selector with the default kinds and options. */
  public static Selector defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Chooses among kinds; renders a snapshot with the renderer of the first kind that detects it. */
  public static final class Selector implements Renderer {
    private final List<Kind> kinds;
    private final String forced;

    private Selector(List<Kind> kinds, String forced) {
      this.kinds = List.copyOf(kinds);
      this.forced = forced;
    }

    /** The kinds, in detection order. */
    public List<Kind> kinds() {
      return kinds;
    }

    /** The kind chosen for the directory at the snapshot's root. */
    public Kind kindOf(Snapshot snapshot) {
      for (Kind k : kinds) {
        if (forced != null ? k.name().equals(forced) : k.detects().test(snapshot)) {
          return k;
        }
      }
      throw new RendererNotAvailableException(forced != null ? forced : "",
          forced != null ? "no renderer of kind '" + forced + "'"
              : "no renderer detects " + snapshot, null);
    }

    /** The renderer chosen for the directory at the snapshot's root. */
    public Renderer choose(Snapshot snapshot) {
      return kindOf(snapshot).renderer().get();
    }

    @Override
    public RenderResult render(Snapshot snapshot) {
      return choose(snapshot).render(snapshot);
    }
  }

  /** Options of a {@link Selector}. */
  public static final class Builder {
    private final List<Kind> kinds = new ArrayList<>(DEFAULT_KINDS);
    private String forced;

    private Builder() {}

    /** Adds a kind, detected before the built-in ones (so it may also claim their directories). */
    public Builder kind(Kind kind) {
      requireNonNull(kind, "kind");
      kinds.removeIf(k -> k.name().equals(kind.name()));
      kinds.add(0, kind);
      return this;
    }

    /** Keeps a kind's detector and place but renders it with another renderer. */
    public Builder use(String kind, Supplier<? extends Renderer> renderer) {
      requireNonNull(renderer, "renderer");
      for (int i = 0; i < kinds.size(); i++) {
        if (kinds.get(i).name().equals(kind)) {
          kinds.set(i, new Kind(kind, kinds.get(i).detects(), renderer));
          return this;
        }
      }
      throw new IllegalArgumentException("no kind '" + kind + "', known: "
          + kinds.stream().map(Kind::name).toList());
    }

    /** Renders every directory as this kind, whatever it holds (no detection). */
    public Builder explicit(String kind) {
      if (kinds.stream().noneMatch(k -> k.name().equals(kind))) {
        throw new IllegalArgumentException("no kind '" + kind + "', known: "
            + kinds.stream().map(Kind::name).toList());
      }
      this.forced = kind;
      return this;
    }

    public Selector build() {
      return new Selector(kinds, forced);
    }
  }
}
