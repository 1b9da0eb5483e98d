package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import java.util.Map;

/**
 * One entry of {@code metadata.managedFields}: which manager owns which fields, and how it
 * wrote them.
 *
 * @param manager field manager name
 * @param operation {@code Apply} or {@code Update}
 * @param apiVersion the version the fields are expressed in
 * @param fieldsV1 the owned field set in Kubernetes' FieldsV1 form ({@code f:spec: {f:replicas: {}}})
 * @param subresource the subresource the manager wrote through ({@code status}), empty for the
 *     object itself
 */
public record ManagedFields(String manager, String operation, String apiVersion, Map<String, Object> fieldsV1,
    String subresource) {
  public ManagedFields {
    requireNonNull(manager, "manager");
    requireNonNull(operation, "operation");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(subresource, "subresource");
    fieldsV1 = ObjectTree.freeze(requireNonNull(fieldsV1, "fieldsV1"), SourceLocation.unknown());
  }

  /** An entry for the object itself (no subresource). */
  public ManagedFields(String manager, String operation, String apiVersion, Map<String, Object> fieldsV1) {
    this(manager, operation, apiVersion, fieldsV1, "");
  }

  static ManagedFields fromMap(Map<?, ?> m) {
    Object fields = m.get("fieldsV1");
    return new ManagedFields(
        String.valueOf(m.get("manager")),
        String.valueOf(m.get("operation")),
        String.valueOf(m.get("apiVersion")),
        fields instanceof Map<?, ?> f ? ObjectTree.freeze(f, SourceLocation.unknown()) : Map.of(),
        m.get("subresource") instanceof String sub ? sub : "");
  }
}
