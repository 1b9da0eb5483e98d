package dev.gitops.render;

import dev.gitops.model.GitOpsException;
import org.jspecify.annotations.Nullable;

/** A directory needs a renderer that this build does not have (its class or library is absent). */
public final class RendererNotAvailableException extends GitOpsException {
  private static final long serialVersionUID = 1L;
  private final String kind;

  public RendererNotAvailableException(String kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The kind of directory, for example {@code kustomize}. */
  public String kind() {
    return kind;
  }
}
