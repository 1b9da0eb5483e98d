/**
 * Values shared by every stage: object identity ({@link dev.gitops.model.ObjectKey}), declared
 * objects ({@link dev.gitops.model.Manifest}), commits ({@link dev.gitops.model.Revision}) and the
 * immutable file trees the source stage hands over ({@link dev.gitops.model.Snapshot}).
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}, with one
 * exception: object trees ({@code Map<String, Object>} and the maps and lists in them) hold
 * Kubernetes JSON, whose values may be null; their value types are left unannotated, so read
 * every value in a tree as nullable.
 */
@NullMarked
package dev.gitops.model;

import org.jspecify.annotations.NullMarked;
