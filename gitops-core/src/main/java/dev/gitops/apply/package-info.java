/**
 * The apply stage: carries out a {@link dev.gitops.plan.Plan} on a cluster ({@link
 * dev.gitops.apply.Applier}): server-side apply wave by wave (a wave's kind groups one after the
 * other, the objects of a group in parallel), hooks run and waited for, prunes through the
 * application's {@link dev.gitops.apply.Inventory}, and a {@link dev.gitops.apply.ChangeSet} of
 * plain entries as the result. See {@code docs/engine.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.apply;

import org.jspecify.annotations.NullMarked;
