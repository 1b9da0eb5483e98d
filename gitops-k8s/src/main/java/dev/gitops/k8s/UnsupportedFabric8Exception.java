package dev.gitops.k8s;

import dev.gitops.model.GitOpsException;

/**
 * The fabric8 Kubernetes client on the class path is not a line gitops-k8s supports (8.x). The
 * message names the version found and what to change; see {@code docs/embedding.md}.
 */
public class UnsupportedFabric8Exception extends GitOpsException {
  private static final long serialVersionUID = 1L;

  /** A fabric8 version problem described by {@code message}. */
  public UnsupportedFabric8Exception(String message) {
    super(message);
  }
}
