package dev.gitops.render;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * A Kustomize build failed; the message names the kustomization file (repository path) and, where
 * known, the entry in it that failed.
 */
public class KustomizeException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String kustomization;

  public KustomizeException(String kustomization, String problem) {
    super(kustomization + ": " + problem);
    this.kustomization = kustomization;
  }

  public KustomizeException(String kustomization, String problem, @Nullable Throwable cause) {
    super(kustomization + ": " + problem, cause);
    this.kustomization = kustomization;
  }

  /** Repository path of the kustomization file (or directory) the error belongs to. */
  public String kustomization() {
    return kustomization;
  }
}
