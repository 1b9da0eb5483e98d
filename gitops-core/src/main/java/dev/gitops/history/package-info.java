/**
 * The history stage: a record of every sync (revision, time, trigger, changes, health, verdicts,
 * a digest of what was rendered) in a pluggable {@link dev.gitops.history.HistoryStore}: in the
 * cluster by default, in memory for tests. The engine rolls back to any revision it recorded.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.history;

import org.jspecify.annotations.NullMarked;
