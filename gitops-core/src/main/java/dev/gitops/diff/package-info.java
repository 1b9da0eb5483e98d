/**
 * The diff stage: compares desired manifests with live objects over the fields we declare
 * ({@link dev.gitops.diff.Differ}), explains every difference ({@link dev.gitops.diff.ResourceDiff}),
 * and keeps watching for drift ({@link dev.gitops.diff.DriftDetector}). See {@code docs/drift.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.diff;

import org.jspecify.annotations.NullMarked;
