package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

/**
 * Which objects to list: one kind, optionally one namespace and a label selector.
 *
 * @param group API group of the kind
 * @param kind kind
 * @param namespace a namespace, or empty for all namespaces (and for cluster-scoped kinds)
 * @param labelSelector a Kubernetes label selector ({@code app=web,tier in (a,b),!legacy}), or empty
 */
public record ListRequest(String group, String kind, String namespace, String labelSelector) {
  public ListRequest {
    requireNonNull(group, "group");
    requireNonNull(kind, "kind");
    requireNonNull(namespace, "namespace");
    requireNonNull(labelSelector, "labelSelector");
  }

  /** Every object of a kind. */
  public static ListRequest of(String group, String kind) {
    return new ListRequest(group, kind, "", "");
  }

  public ListRequest inNamespace(String ns) {
    return new ListRequest(group, kind, ns, labelSelector);
  }

  public ListRequest withLabelSelector(String selector) {
    return new ListRequest(group, kind, namespace, selector);
  }
}
