/**
 * The health stage: how healthy a live object is ({@link dev.gitops.health.HealthCheck}, with
 * built-in checks per kind in {@link dev.gitops.health.HealthChecks}), and waiting, driven by
 * watches, until a set of objects is healthy ({@link dev.gitops.health.HealthWaiter}).
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.health;

import org.jspecify.annotations.NullMarked;
