package dev.gitops.diff;

import dev.gitops.model.GitOpsException;
import dev.gitops.model.ObjectKey;

/**
 * A live object's {@code metadata.managedFields} cannot be read: an entry's {@code fieldsV1} holds
 * something that is not a FieldsV1 path element. API servers do not store such objects; a live
 * object built by hand may hold one. Names the object and the entry's manager.
 */
public final class InvalidManagedFieldsException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  InvalidManagedFieldsException(ObjectKey key, String manager, String operation, RuntimeException cause) {
    super(key + ": managedFields entry of field manager " + manager + " (" + operation + ") cannot be read: "
        + cause.getMessage(), cause);
  }
}
