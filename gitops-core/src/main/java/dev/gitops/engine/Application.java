package dev.gitops.engine;

import static java.util.Objects.requireNonNull;

import dev.gitops.apply.SyncOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.render.Renderer;
import dev.gitops.render.Renderers;
import dev.gitops.source.GitRef;
import dev.gitops.source.Source;
import java.util.regex.Pattern;

/**
 * What to keep in sync: a directory of a Git repository at a ref, rendered, in a cluster. A value:
 * build it once, hand it to the {@link Engine} as often as needed.
 *
 * <pre>{@code
 * Application app = Application.builder("guestbook")
 *     .source(source).ref(GitRef.branch("main")).path("apps/guestbook")
 *     .destination(cluster, "guestbook")
 *     .build();
 * }</pre>
 *
 * @param name the application's name: a DNS-1123 label (lowercase letters, digits and '-', at most
 *     63 characters), as it names the application's inventory and history in the cluster
 * @param source where the repository is read from
 * @param ref the branch, tag, semver range or commit to follow
 * @param path the directory in the repository; empty for its root
 * @param renderer turns the directory into objects; per-cluster variables go into it (for example
 *     {@code PlainRenderer.builder().variables(...)}); default {@link Renderers#defaults()}
 * @param cluster the destination cluster
 * @param namespace the namespace of namespaced objects that declare none
 * @param options how it is synced
 */
public record Application(String name, Source source, GitRef ref, String path, Renderer renderer, Cluster cluster,
    String namespace, SyncOptions options) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public Application {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("application name '" + name + "' is not a DNS-1123 label"
          + " (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63)");
    }
    requireNonNull(source, "source");
    requireNonNull(ref, "ref");
    requireNonNull(path, "path");
    requireNonNull(renderer, "renderer");
    requireNonNull(cluster, "cluster");
    requireNonNull(namespace, "namespace");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException("namespace must not be blank");
    }
    requireNonNull(options, "options");
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The same application with other sync options. */
  public Application withOptions(SyncOptions value) {
    return new Application(name, source, ref, path, renderer, cluster, namespace, value);
  }

  /** The same application following another ref. */
  public Application withRef(GitRef value) {
    return new Application(name, source, value, path, renderer, cluster, namespace, options);
  }

  /** Builds an {@link Application}; source and destination are required. */
  public static final class Builder {
    private final String name;
    private Source source;
    private GitRef ref = GitRef.branch("main");
    private String path = "";
    private Renderer renderer = Renderers.defaults();
    private Cluster cluster;
    private String namespace = "default";
    private SyncOptions options = SyncOptions.defaults();

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
    }

    public Builder source(Source value) {
      this.source = requireNonNull(value, "source");
      return this;
    }

    /** The ref to follow; default branch {@code main}. */
    public Builder ref(GitRef value) {
      this.ref = requireNonNull(value, "ref");
      return this;
    }

    /** The directory in the repository; default its root. */
    public Builder path(String value) {
      this.path = requireNonNull(value, "path");
      return this;
    }

    /** The renderer; default {@link Renderers#defaults()} (Kustomize, Helm or plain by directory). */
    public Builder renderer(Renderer value) {
      this.renderer = requireNonNull(value, "renderer");
      return this;
    }

    /** The destination cluster and the namespace of objects that declare none (default {@code default}). */
    public Builder destination(Cluster value, String defaultNamespace) {
      this.cluster = requireNonNull(value, "cluster");
      this.namespace = requireNonNull(defaultNamespace, "defaultNamespace");
      return this;
    }

    /** The destination cluster; objects that declare no namespace go to {@code default}. */
    public Builder destination(Cluster value) {
      return destination(value, "default");
    }

    public Builder options(SyncOptions value) {
      this.options = requireNonNull(value, "options");
      return this;
    }

    /**
     * @throws NullPointerException if the source or the destination is missing
     * @throws IllegalArgumentException if the name is not a DNS-1123 label
     */
    public Application build() {
      requireNonNull(source, "source of application " + name);
      requireNonNull(cluster, "destination cluster of application " + name);
      return new Application(name, source, ref, path, renderer, cluster, namespace, options);
    }
  }
}
