/**
 * The render stage: a {@link dev.gitops.render.Renderer} turns a snapshot into Kubernetes objects.
 * {@link dev.gitops.render.PlainRenderer} reads directories of YAML and JSON manifests,
 * {@link dev.gitops.render.KustomizeRenderer} builds a Kustomization as {@code kustomize build}
 * does, {@link dev.gitops.render.HelmRenderer} renders Helm charts, and
 * {@link dev.gitops.render.Renderers} chooses one by what a directory holds. Every YAML document
 * is parsed within {@link dev.gitops.render.YamlLimits}.
 *
 * <p>Nothing in this package accepts or returns null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.gitops.render;

import org.jspecify.annotations.NullMarked;
