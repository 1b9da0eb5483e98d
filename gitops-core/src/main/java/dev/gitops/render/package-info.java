/**
 * The render stage: a {@link dev.gitops.render.Renderer} turns a snapshot into Kubernetes objects.
 * {@link dev.gitops.render.PlainRenderer} reads directories of YAML and JSON manifests;
 * {@link dev.gitops.render.KustomizeRenderer} builds a Kustomization as {@code kustomize build} does.
 */
package dev.gitops.render;
