/**
 * The diff stage: compares desired manifests with live objects over the fields we declare
 * ({@link dev.gitops.diff.Differ}), explains every difference ({@link dev.gitops.diff.ResourceDiff}),
 * and keeps watching for drift ({@link dev.gitops.diff.DriftDetector}). See {@code docs/drift.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}, with one
 * exception: object trees ({@code Map<String, Object>} and the maps and lists in them) hold
 * Kubernetes JSON, whose values may be null; their value types are left unannotated, so read
 * every value in a tree as nullable.
 */
@NullMarked
package dev.gitops.diff;

import org.jspecify.annotations.NullMarked;
