package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

/**
 * How a kind is served.
 *
 * @param group API group, empty for the core group
 * @param version preferred version
 * @param kind kind
 * @param plural resource name in URLs, for example {@code deployments}
 * @param namespaced whether objects live in namespaces
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced) {
  public ResourceType {
    requireNonNull(group, "group");
    requireNonNull(version, "version");
    requireNonNull(kind, "kind");
    requireNonNull(plural, "plural");
  }

  /** {@code apps/v1} or {@code v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
