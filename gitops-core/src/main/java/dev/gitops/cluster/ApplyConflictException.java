package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.List;

/**
 * A server-side apply would change fields that other managers own. Apply again with force to
 * take them over.
 */
public final class ApplyConflictException extends ClusterException {
  private static final long serialVersionUID = 1L;
  private final transient ObjectKey key;
  private final transient List<FieldConflict> conflicts;

  public ApplyConflictException(ObjectKey key, String message, List<FieldConflict> conflicts) {
    super(message);
    this.key = key;
    this.conflicts = List.copyOf(conflicts);
  }

  public ObjectKey key() {
    return key;
  }

  /** Each conflicting field with the manager that owns it. */
  public List<FieldConflict> conflicts() {
    return conflicts;
  }

  /**
   * One conflicting field.
   *
   * @param manager the manager that owns the field
   * @param path the field, as Kubernetes prints it ({@code .spec.replicas})
   */
  public record FieldConflict(String manager, String path) {
    public FieldConflict {
      requireNonNull(manager, "manager");
      requireNonNull(path, "path");
    }
  }
}
