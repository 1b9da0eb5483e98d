package dev.gitops.render;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/**
 * {@link HelmRenderer} was used without Helm on the class path: helm-java (an optional
 * dependency of gitops-core) or its native library for this platform is missing. Nothing is
 * downloaded in that case; the message names the artifact to add.
 */
public final class HelmNotAvailableException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String artifact;

  public HelmNotAvailableException(String artifact, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.artifact = artifact;
  }

  /** The Maven coordinates ({@code groupId:artifactId:version}) of what is missing. */
  public String artifact() {
    return artifact;
  }
}
