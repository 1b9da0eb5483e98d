package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import java.util.Map;

/**
 * A Kustomize render with each object's provenance.
 *
 * @param result the rendered objects, in output order
 * @param provenance for each output object (by its final key), where it came from
 */
public record KustomizeResult(RenderResult result, Map<ObjectKey, KustomizeProvenance> provenance) {
  public KustomizeResult {
    requireNonNull(result, "result");
    provenance = Map.copyOf(provenance);
  }
}
