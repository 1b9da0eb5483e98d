package dev.gitops.diff;

import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.function.Consumer;

/**
 * A normalizer that knows which maps of an object it may modify, so that the live side of a diff
 * need only copy those (and the maps and lists leading to them) rather than the whole tree.
 */
interface ScopedNormalizer extends Normalizer {

  /**
   * Reports, for objects like {@code key}, each path (field names, {@code *} for every item of a
   * list) from the root to a map this normalizer may add fields to or remove fields from.
   */
  void modifiedMaps(ObjectKey key, Consumer<List<String>> out);
}
