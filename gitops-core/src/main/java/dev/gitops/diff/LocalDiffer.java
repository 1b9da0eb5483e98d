package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares locally: desired manifest against live object, with a schema table for list keys.
 *
 * <p>The normalized desired tree is made once per manifest instance and reused (read-only). When
 * every normalizer says which maps it modifies, the live tree is copied only along those. An
 * in-sync result holds no part of either tree; any other result is computed again the plain way,
 * from whole fresh copies, so that the values it holds are the caller's own, as they always were.
 */
final class LocalDiffer implements Differ {
  private final SchemaTable schema;
  private final DiffOptions options;
  private final PreparedCache prepared = new PreparedCache();
  /** Whether every normalizer is a {@link ScopedNormalizer}. */
  private final boolean scoped;
  /** By {@code group/Kind}: the live maps stripping and the normalizers modify. */
  private final Map<String, Trees.Paths> liveScopes = new ConcurrentHashMap<>();

  LocalDiffer(SchemaTable schema, DiffOptions options) {
    this.schema = requireNonNull(schema, "schema");
    this.options = requireNonNull(options, "options");
    this.scoped = options.normalizers().stream().allMatch(n -> n instanceof ScopedNormalizer);
  }

  @Override
  public ResourceDiff diff(Manifest desired, Optional<LiveObject> live) {
    if (live.isPresent()) {
      try {
        Comparison.Prepared p = prepared.get(desired, m -> Comparison.prepare(m.key(), m.object(), options));
        ResourceDiff fast = new Comparison(desired.key(), desired.source(), p, null, live.get(),
            scoped ? liveScope(desired.key()) : null, schema, options).result(false);
        if (fast.status() == DiffStatus.IN_SYNC) {
          return fast;
        }
      } catch (UnsupportedOperationException sharedPartModified) {
        // A normalizer modified more than it declared: the plain way below.
      }
    }
    return new Comparison(desired.key(), desired.source(), desired.object(), null, live.orElse(null), schema,
        options).result(live.isEmpty());
  }

  private Trees.Paths liveScope(ObjectKey key) {
    return liveScopes.computeIfAbsent(key.group() + "/" + key.kind(), gk -> {
      Trees.Paths paths = new Trees.Paths();
      ServerFields.modifiedMaps(paths::add);
      for (Normalizer n : options.normalizers()) {
        ((ScopedNormalizer) n).modifiedMaps(key, paths::add);
      }
      return paths;
    });
  }
}
