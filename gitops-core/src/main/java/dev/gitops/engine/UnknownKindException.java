package dev.gitops.engine;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.Manifest;

/**
 * A rendered object's kind is neither served by the destination cluster nor defined by a
 * CustomResourceDefinition of the same render, so the engine cannot tell its scope or apply it.
 */
public final class UnknownKindException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  public UnknownKindException(Manifest object, String cluster) {
    super((object.source().path().isEmpty() ? "" : object.source() + ": ") + object.key()
        + ": cluster '" + cluster + "' does not serve " + object.apiVersion() + " " + object.kind()
        + ", and no CustomResourceDefinition of this application defines it");
  }
}
