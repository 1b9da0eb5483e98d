package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.List;

/** The cluster refused an object as invalid; {@link #causes()} names each bad field. */
public final class InvalidObjectException extends ClusterException {
  private static final long serialVersionUID = 1L;
  private final transient ObjectKey key;
  private final transient List<FieldCause> causes;

  public InvalidObjectException(ObjectKey key, String message, List<FieldCause> causes) {
    super(message);
    this.key = key;
    this.causes = List.copyOf(causes);
  }

  public ObjectKey key() {
    return key;
  }

  public List<FieldCause> causes() {
    return causes;
  }

  /**
   * One invalid field.
   *
   * @param field the field path, for example {@code metadata.name} or {@code spec.replicas}
   * @param reason why it is invalid
   */
  public record FieldCause(String field, String reason) {
    public FieldCause {
      requireNonNull(field, "field");
      requireNonNull(reason, "reason");
    }
  }
}
