/**
 * The fabric8 backend of the cluster SPI: {@link dev.gitops.k8s.FabricCluster} implements {@link
 * dev.gitops.cluster.Cluster} for real Kubernetes API servers with generic resources, discovery,
 * server-side apply, informer-based watches and OpenAPI v3 schema facts.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.k8s;

import org.jspecify.annotations.NullMarked;
