package dev.gitops.render;

import java.util.List;
import java.util.Map;

/**
 * Drops an object's {@code metadata.annotations} when it is empty or null, as kustomize v5.5.0
 * does to every object it outputs (it rewrites the annotations to remove its internal ones, and
 * an empty result clears the field). {@code metadata.labels} and the maps of pod templates are
 * left as they are: kustomize keeps {@code labels: {}} and {@code labels: null}. Package-private.
 */
final class EmptyAnnotations {
  private EmptyAnnotations() {}

  static void drop(List<KObject> objects) {
    for (KObject o : objects) {
      if (o.tree().get("metadata") instanceof Map<?, ?> metadata
          && metadata.containsKey("annotations")
          && (metadata.get("annotations") == null
              || metadata.get("annotations") instanceof Map<?, ?> a && a.isEmpty())) {
        metadata.remove("annotations");
      }
    }
  }
}
