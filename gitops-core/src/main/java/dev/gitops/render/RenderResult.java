package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.Revision;
import java.util.List;

/**
 * What a renderer produced.
 *
 * @param revision the commit the objects were rendered from
 * @param objects the objects, in render order
 * @param skipped documents left out on request (by an explicit option), each with its reason
 */
public record RenderResult(Revision revision, List<Manifest> objects, List<String> skipped) {
  public RenderResult {
    requireNonNull(revision, "revision");
    objects = List.copyOf(objects);
    skipped = List.copyOf(skipped);
  }
}
