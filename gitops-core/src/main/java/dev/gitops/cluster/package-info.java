/**
 * The cluster SPI: {@link dev.gitops.cluster.Cluster} is what the engine needs of a Kubernetes API
 * server (discovery, get, list, server-side apply, apply to status, delete, watch, schema facts),
 * in plain values with no client library's types. {@link dev.gitops.cluster.ControllerSimulator}
 * writes the status controllers would, for tests on clusters without them.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}, with one
 * exception: object trees ({@code Map<String, Object>} and the maps and lists in them) hold
 * Kubernetes JSON, whose values may be null; their value types are left unannotated, so read
 * every value in a tree as nullable.
 */
@NullMarked
package dev.gitops.cluster;

import org.jspecify.annotations.NullMarked;
