/**
 * The engine: brings a cluster to what Git declares for an {@link dev.gitops.engine.Application},
 * safely, and remembers what it did. {@link dev.gitops.engine.Engine#plan} runs Source, Render,
 * the gate, Diff and Plan without writing; {@link dev.gitops.engine.Engine#sync} applies the plan,
 * waits for health and records the sync in the history; {@link dev.gitops.engine.Engine#rollback}
 * syncs an earlier revision. See {@code docs/engine.md}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.engine;

import org.jspecify.annotations.NullMarked;
