package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.SourceLocation;
import java.util.List;

/**
 * Where a Kustomize output object came from and what shaped it.
 *
 * @param source the file and line the object was declared at; for a generated ConfigMap or Secret
 *     the kustomization file and the line of its generator entry
 * @param kustomizations repository paths of the kustomization files the object went through,
 *     innermost first, the built root last
 * @param changedBy those of them that changed the object (by a generator, patch or transformer;
 *     the content-hash suffix and name-reference fixes done for the whole build are not counted)
 * @param transformations each patch or transformer that changed the object, in the order they
 *     ran, as {@code <kustomization file>: <field>}, for example
 *     {@code apps/prod/kustomization.yaml: patches} or {@code base/kustomization.yaml: images}
 * @param generated whether a configMapGenerator or secretGenerator made the object
 */
public record KustomizeProvenance(SourceLocation source, List<String> kustomizations,
    List<String> changedBy, List<String> transformations, boolean generated) {
  public KustomizeProvenance {
    requireNonNull(source, "source");
    kustomizations = List.copyOf(kustomizations);
    changedBy = List.copyOf(changedBy);
    transformations = List.copyOf(transformations);
  }
}
