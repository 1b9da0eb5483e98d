package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Snapshot;
import dev.gitops.source.GitRef;
import dev.gitops.source.RefNotFoundException;
import dev.gitops.source.Source;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remote Kustomize bases served by configured Git sources. Each allowed repository URL maps to a
 * {@link Source}; a remote resource URL is allowed when it starts with one of them, and is read
 * from that source at its {@code ref} (or {@code version}) query parameter: a commit id, else a
 * tag, else a branch; without one, the configured default ref.
 *
 * <pre>{@code
 * RemoteBases bases = GitRemoteBases.builder()
 *     .allow("https://git.example.com/platform/bases", platformSource, GitRef.branch("main"))
 *     .build();
 * KustomizeRenderer renderer = KustomizeRenderer.builder().remoteBases(bases).build();
 * }</pre>
 *
 * <p>URL forms: {@code <repo>//<dir>?ref=<ref>} (the kustomize form, with or without
 * {@code .git} and a {@code git::} prefix) and {@code <repo>/<dir>?ref=<ref>}.
 */
public final class GitRemoteBases implements RemoteBases {
  private final Map<String, Entry> repositories;

  private GitRemoteBases(Map<String, Entry> repositories) {
    this.repositories = Map.copyOf(repositories);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Snapshot resolve(String kustomization, String url) {
    String bare = url.startsWith("git::") ? url.substring(5) : url;
    String query = "";
    int q = bare.indexOf('?');
    if (q >= 0) {
      query = bare.substring(q + 1);
      bare = bare.substring(0, q);
    }
    for (Map.Entry<String, Entry> e : repositories.entrySet()) {
      String rest = after(bare, e.getKey());
      if (rest != null) {
        return fetch(kustomization, url, e.getValue(), rest, ref(query));
      }
    }
    throw new RemoteResourceException(kustomization, url, "is not in a configured repository ("
        + String.join(", ", repositories.keySet()) + ")");
  }

  private static Snapshot fetch(String kustomization, String url, Entry repo, String dir, String ref) {
    if (ref == null) {
      return repo.source().fetch(repo.defaultRef(), dir);
    }
    if (ref.matches("[0-9a-fA-F]{7,40}")) {
      return repo.source().fetch(GitRef.commit(ref), dir);
    }
    try {
      return repo.source().fetch(GitRef.tag(ref), dir);
    } catch (RefNotFoundException notATag) {
      return repo.source().fetch(GitRef.branch(ref), dir);
    }
  }

  /** What follows the repository URL ({@code //dir}, {@code /dir}, {@code .git//dir}), or null. */
  private static String after(String url, String repo) {
    String r = stripGit(repo);
    if (!url.startsWith(r)) {
      return null;
    }
    String rest = url.substring(r.length());
    if (rest.startsWith(".git")) {
      rest = rest.substring(4);
    }
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      return null; // another repository whose name starts the same way
    }
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    return rest;
  }

  private static String ref(String query) {
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && (part.startsWith("ref=") || part.startsWith("version="))) {
        String v = part.substring(eq + 1);
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  private static String stripGit(String url) {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
  }

  private record Entry(Source source, GitRef defaultRef) {}

  /** The allowed repositories. */
  public static final class Builder {
    private final Map<String, Entry> repositories = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Allows remote bases from one repository.
     *
     * @param repositoryUrl the repository URL as kustomizations write it, with or without
     *     {@code .git}
     * @param source where to read it (credentials, cache and signature checks are the source's)
     * @param defaultRef the ref for URLs without {@code ?ref=}
     */
    public Builder allow(String repositoryUrl, Source source, GitRef defaultRef) {
      repositories.put(stripGit(requireNonNull(repositoryUrl, "repositoryUrl")),
          new Entry(requireNonNull(source, "source"), requireNonNull(defaultRef, "defaultRef")));
      return this;
    }

    public GitRemoteBases build() {
      return new GitRemoteBases(repositories);
    }
  }
}
