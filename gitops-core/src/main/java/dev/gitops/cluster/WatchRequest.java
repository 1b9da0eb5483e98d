package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

/**
 * Which objects to watch: one kind, optionally one namespace.
 *
 * @param group API group of the kind
 * @param kind kind
 * @param namespace a namespace, or empty for all
 */
public record WatchRequest(String group, String kind, String namespace) {
  public WatchRequest {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    requireNonNull(namespace, "namespace");
  }

  public static WatchRequest of(String group, String kind) {
    return new WatchRequest(group, kind, "");
  }
}
