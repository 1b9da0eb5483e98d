/**
 * The source stage: {@link dev.gitops.source.Source} resolves a {@link dev.gitops.source.GitRef}
 * and hands over an immutable {@link dev.gitops.model.Snapshot}. {@link
 * dev.gitops.source.JGitSource} reads remote repositories through a shared {@link
 * dev.gitops.source.GitCache}; {@link dev.gitops.source.RepositorySource} reads local and
 * in-memory ones.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.source;

import org.jspecify.annotations.NullMarked;
