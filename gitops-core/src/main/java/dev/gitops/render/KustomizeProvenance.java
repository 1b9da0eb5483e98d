package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.SourceLocation;
import java.util.List;

/**
 * Where a Kustomize output object came from and what shaped it.
 *
 * @param source the file and line the object was declared at; for a generated ConfigMap or Secret
 *     the kustomization file and the line of its generator entry
 * @param kustomizations repository paths of the kustomization files that included and transformed
 *     the object, innermost first, the built root last
 * @param generated whether a configMapGenerator or secretGenerator made the object
 */
public record KustomizeProvenance(SourceLocation source, List<String> kustomizations, boolean generated) {
  public KustomizeProvenance {
    requireNonNull(source, "source");
    kustomizations = List.copyOf(kustomizations);
  }
}
