/**
 * The plan stage: what a sync will do, as data, before anything is written. Each object becomes a
 * {@link dev.gitops.plan.Step} (create, update, unchanged, hook, prune or skip) carrying its diff;
 * {@link dev.gitops.plan.Planner} orders them into {@link dev.gitops.plan.Wave}s by phase, sync
 * wave and kind group ({@link dev.gitops.plan.KindOrder}), from annotations read by {@link
 * dev.gitops.plan.Directives}. Ordering is pure: no I/O. See {@code docs/engine.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.plan;

import org.jspecify.annotations.NullMarked;
