package dev.gitops.render;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.Revision;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a renderer produced.
 *
 * @param revision the commit the objects were rendered from
 * @param objects the objects, in render order
 * @param skipped documents left out on request (by an explicit option), each with its reason
 * @see #hooks()
 */
public record RenderResult(Revision revision, List<Manifest> objects, List<String> skipped) {
  public RenderResult {
    requireNonNull(revision, "revision");
    objects = List.copyOf(objects);
    skipped = List.copyOf(skipped);
  }

  /** The annotation that makes an object a Helm hook rather than part of the release. */
  public static final String HOOK_ANNOTATION = "helm.sh/hook";

  /**
   * The objects that are Helm hooks (annotated {@value #HOOK_ANNOTATION}), in render order; they
   * are also in {@link #objects()}. A sync that applies hooks at their phase, or not at all,
   * tells them apart with this.
   */
  public List<Manifest> hooks() {
    return objects.stream().filter(RenderResult::isHook).collect(Collectors.toUnmodifiableList());
  }

  /** Whether an object is a Helm hook (annotated {@value #HOOK_ANNOTATION}). */
  public static boolean isHook(Manifest object) {
    return object.annotations().containsKey(HOOK_ANNOTATION);
  }
}
