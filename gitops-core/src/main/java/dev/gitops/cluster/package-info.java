/**
 * The cluster SPI: {@link dev.gitops.cluster.Cluster} is what the engine needs of a Kubernetes API
 * server (discovery, get, list, server-side apply, delete, watch, schema facts), in plain values
 * with no client library's types.
 */
package dev.gitops.cluster;
