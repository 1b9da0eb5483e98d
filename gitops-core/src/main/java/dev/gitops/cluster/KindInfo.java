package dev.gitops.cluster;

import java.util.Set;

/**
 * Everything the in-memory cluster knows about how a kind is served. Package-private.
 *
 * @param type discovery data; its version is the one objects are stored and returned in
 * @param versions every served version
 * @param nameRule the rule metadata.name follows
 * @param tracksGeneration whether metadata.generation is maintained
 * @param statusVersions versions with a status subresource: apply ignores {@code status}, and
 *     status is written through {@link Cluster#applyStatus}
 * @param crdName for custom kinds, the name of the defining CustomResourceDefinition; else empty
 */
record KindInfo(ResourceType type, Set<String> versions, Names.Rule nameRule, boolean tracksGeneration,
    Set<String> statusVersions, String crdName) {
  KindInfo {
    versions = Set.copyOf(versions);
    statusVersions = Set.copyOf(statusVersions);
  }

  boolean serves(String version) {
    return versions.contains(version);
  }

  boolean hasStatus(String version) {
    return statusVersions.contains(version);
  }

  boolean custom() {
    return !crdName.isEmpty();
  }

  boolean namespaced() {
    return type.namespaced();
  }

  String group() {
    return type.group();
  }

  String kind() {
    return type.kind();
  }
}
