package dev.gitops.plan;

/**
 * The groups a wave applies one after the other; objects of one group are applied in parallel.
 * Custom resources wait for the definitions group to be established.
 */
public enum KindGroup {
  /** Namespaces: everything namespaced needs them. */
  NAMESPACES,
  /** CustomResourceDefinitions: waited for until Established before the groups after them. */
  DEFINITIONS,
  /** Other cluster-scoped kinds (ClusterRoles, StorageClasses, ...). */
  CLUSTER,
  /** Namespaced kinds, custom resources included. */
  NAMESPACED,
  /** Admission webhooks and admission policies: last, so they never judge the objects of their own sync. */
  WEBHOOKS
}
