package dev.gitops.diff;

import dev.gitops.model.ObjectKey;
import java.util.Map;

/**
 * Rewrites one side of a diff so that values the API server treats as the same compare equal,
 * gitops-engine style. Both the desired and the live object get the same normalizers, in order,
 * each on a mutable copy. Values a normalizer fills in are reported through {@link Filled} so the
 * diff does not take them as declared. Built-ins: {@link Normalizers}.
 *
 * <p>A normalizer must depend only on the key and the tree it is given: the local differ
 * normalizes a desired {@link dev.gitops.model.Manifest} once and reuses the result for later
 * diffs of the same instance.
 */
@FunctionalInterface
public interface Normalizer {

  /**
   * Normalizes a mutable object tree in place.
   *
   * @param key the object
   * @param object the tree to rewrite
   * @param filled to report each value filled in because it was absent
   */
  void normalize(ObjectKey key, Map<String, Object> object, Filled filled);

  /** Receives the fields a normalizer filled in. */
  @FunctionalInterface
  interface Filled {
    /**
     * @param pointer JSON pointer of the filled field
     * @param reason for people, for example {@code "API server default TCP"}
     */
    void filled(String pointer, String reason);
  }
}
