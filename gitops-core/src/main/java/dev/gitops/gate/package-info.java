/**
 * The policy port of the engine: {@link dev.gitops.gate.SyncGate} judges the rendered objects and
 * the planned changes before anything is written. gitops-core holds only this interface and its
 * values; gitops-policy implements it ({@code Gate#forEngine()}), so the core never depends on a
 * policy engine. A denial is data in the plan and the sync result, never an exception.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.gate;

import org.jspecify.annotations.NullMarked;
