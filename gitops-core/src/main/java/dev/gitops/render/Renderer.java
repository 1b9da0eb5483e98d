package dev.gitops.render;

import dev.gitops.model.Snapshot;

/**
 * The render stage: turns a snapshot, seen from its root directory, into Kubernetes objects,
 * deterministically (the same snapshot always gives the same objects in the same order).
 */
public interface Renderer {

  /**
   * Renders the objects declared under the snapshot's root.
   *
   * @throws ManifestParseException if a file is not valid YAML or JSON
   * @throws dev.gitops.model.InvalidManifestException if a document is not a Kubernetes object
   * @throws DuplicateObjectException if one object is declared twice
   */
  RenderResult render(Snapshot snapshot);
}
