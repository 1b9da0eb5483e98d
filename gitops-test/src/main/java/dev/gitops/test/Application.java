package dev.gitops.test;

import static java.util.Objects.requireNonNull;

import dev.gitops.render.RenderResult;

/**
 * One application directory of a {@link GitOpsRepository}: a directory rendered as a whole
 * (a kustomization, a Helm chart or plain manifests).
 *
 * @param repository the repository it belongs to
 * @param path the directory, relative to the repository root, with {@code /} separators
 */
public record Application(GitOpsRepository repository, String path) {
  /** Checks both parts; the path is normalized ({@code ./apps/prod/} is {@code apps/prod}). */
  public Application {
    requireNonNull(repository, "repository");
    path = GitOpsRepository.normalize(requireNonNull(path, "path"));
  }

  /**
   * Renders the directory as it is on disk now.
   *
   * @throws RuntimeException whatever the renderer throws (a parse error, a duplicate object, ...)
   */
  public RenderResult render() {
    return repository.render(path);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? "the repository root" : path;
  }
}
