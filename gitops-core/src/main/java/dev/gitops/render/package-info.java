/**
 * The render stage: a {@link dev.gitops.render.Renderer} turns a snapshot into Kubernetes objects.
 * {@link dev.gitops.render.PlainRenderer} reads directories of YAML and JSON manifests,
 * {@link dev.gitops.render.KustomizeRenderer} builds a Kustomization as {@code kustomize build}
 * does, {@link dev.gitops.render.HelmRenderer} renders Helm charts, and
 * {@link dev.gitops.render.Renderers} chooses one by what a directory holds. Every YAML document
 * is parsed within {@link dev.gitops.render.YamlLimits}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}, with one
 * exception: object trees ({@code Map<String, Object>} and the maps and lists in them) hold
 * Kubernetes JSON, whose values may be null; their value types are left unannotated, so read
 * every value in a tree as nullable.
 */
@NullMarked
package dev.gitops.render;

import org.jspecify.annotations.NullMarked;
