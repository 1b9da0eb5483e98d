/**
 * Values shared by every stage: object identity ({@link dev.gitops.model.ObjectKey}), declared
 * objects ({@link dev.gitops.model.Manifest}), commits ({@link dev.gitops.model.Revision}) and the
 * immutable file trees the source stage hands over ({@link dev.gitops.model.Snapshot}).
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.model;

import org.jspecify.annotations.NullMarked;
