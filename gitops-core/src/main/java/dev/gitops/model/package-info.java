/**
 * Values shared by every stage: object identity ({@link dev.gitops.model.ObjectKey}), declared
 * objects ({@link dev.gitops.model.Manifest}), commits ({@link dev.gitops.model.Revision}) and the
 * immutable file trees the source stage hands over ({@link dev.gitops.model.Snapshot}).
 */
package dev.gitops.model;
