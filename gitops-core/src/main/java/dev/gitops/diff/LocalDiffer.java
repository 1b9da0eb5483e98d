package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares locally: desired manifest against live object, with a schema table for list keys.
 *
 * <p>Most diffs of a running system are in sync, so each first goes through an in-sync check: on
 * a manifest instance's first diff the {@link DirectCheck}, which reads the desired object as
 * rendered, and from its second diff on an {@link InSyncCheck} compiled once and kept ({@link
 * PreparedCache}). Either proves the object in sync without copying or normalizing the live
 * object, or gives up. Anything it cannot prove is
 * computed the full way by {@link Comparison} from fresh copies of both trees. With assertions
 * enabled (as in the tests) every result of the check is compared with the full way's.
 */
final class LocalDiffer implements Differ {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private final SchemaTable schema;
  private final DiffOptions options;
  private final PreparedCache<Optional<InSyncCheck>> checks = new PreparedCache<>();
  /** The normalizers applied to a live copy before the check: all but the trailing defaults. */
  private final List<Normalizer> before;
  /** The trailing {@link ServerDefaults}, which the check answers field by field instead. */
  private final InSyncPlan.Defaults trailing;
  /** The check of first diffs, without a plan; null unless the normalizers are the built-in ones. */
  private final DirectCheck direct;
  /** Whether every one of {@link #before} is a {@link ScopedNormalizer}. */
  private final boolean scoped;
  /**
   * By {@code group/Kind}: the desired maps the server fields and all normalizers may modify, or
   * {@link #WHOLE} where a normalizer's scope is unknown or the schema has defaults for the kind.
   */
  private final Map<String, Trees.Paths> desiredScopes = new ConcurrentHashMap<>();
  private static final Trees.Paths WHOLE = new Trees.Paths();
  /** By {@code group/Kind}: the live maps {@link #before} modifies. */
  private final Map<String, Trees.Paths> liveScopes = new ConcurrentHashMap<>();

  LocalDiffer(SchemaTable schema, DiffOptions options) {
    this.schema = requireNonNull(schema, "schema");
    this.options = requireNonNull(options, "options");
    List<Normalizer> normalizers = options.normalizers();
    int split = normalizers.size();
    while (split > 0 && normalizers.get(split - 1) instanceof ServerDefaults) {
      split--;
    }
    this.before = List.copyOf(normalizers.subList(0, split));
    List<ServerDefaults> tail = new ArrayList<>();
    normalizers.subList(split, normalizers.size()).forEach(n -> tail.add((ServerDefaults) n));
    this.trailing = new InSyncPlan.Defaults(tail);
    this.scoped = before.stream().allMatch(n -> n instanceof ScopedNormalizer);
    this.direct = DirectCheck.of(schema, options, trailing);
  }

  @Override
  public ResourceDiff diff(Manifest desired, Optional<LiveObject> live) {
    if (live.isPresent() && direct != null && checks.firstUse(desired)) {
      return firstDiff(desired, live.get());
    }
    if (live.isPresent()) {
      try {
        Optional<InSyncCheck> check = checks.get(desired, m -> Optional.ofNullable(InSyncCheck.compile(m.key(),
            prepare(m), schema, options, trailing)));
        if (check.isPresent()) {
          LiveObject liveObject = live.get();
          ResourceDiff inSync = check.get().check(desired.source(), normalizedBefore(desired.key(), liveObject),
              FieldsNode.applied(liveObject.object(), options.fieldManager()));
          if (inSync != null) {
            assert inSync.equals(full(desired, live)) : "in-sync check disagrees with the full diff of " + desired.key()
                + ": " + full(desired, live);
            return inSync;
          }
        }
      } catch (UnsupportedOperationException sharedPartModified) {
        // A normalizer modified more than it declared: the full way below.
      }
    }
    return full(desired, live);
  }

  /**
   * A manifest's first diff: most are the only one (a plan of a render), so nothing is compiled or
   * kept for it; {@link DirectCheck} proves it in sync, or the full way decides.
   */
  private ResourceDiff firstDiff(Manifest desired, LiveObject live) {
    Map<String, Object> normalizedLive = normalizedBefore(desired.key(), live);
    Map<?, ?> own = FieldsNode.applied(live.object(), options.fieldManager());
    ResourceDiff inSync;
    try {
      inSync = direct.check(desired.key(), desired.source(), desired.object(), normalizedLive, own);
    } catch (DirectCheck.Unsupported | UnsupportedOperationException unsupported) {
      inSync = null;
      try {
        InSyncCheck check = InSyncCheck.compile(desired.key(), prepare(desired), schema, options, trailing);
        inSync = check.check(desired.source(), normalizedLive, own);
      } catch (UnsupportedOperationException sharedPartModified) {
        // A normalizer modified more than it declared: the full way below.
      }
    }
    if (inSync == null) {
      return full(desired, Optional.of(live));
    }
    assert inSync.equals(full(desired, Optional.of(live))) : "in-sync check disagrees with the full diff of "
        + desired.key() + ": " + full(desired, Optional.of(live));
    return inSync;
  }

  private ResourceDiff full(Manifest desired, Optional<LiveObject> live) {
    return new Comparison(desired.key(), desired.source(), desired.object(), null, live.orElse(null), schema,
        options).result(live.isEmpty());
  }

  /**
   * The desired side for the check. Most of a rendered object is never changed by the
   * normalizers, and a whole mutable copy of it was much of a diff's garbage: only the maps they
   * may change are copied, the rest shared with the (frozen) manifest.
   */
  private Comparison.Prepared prepare(Manifest m) {
    ObjectKey key = m.key();
    Trees.Paths paths = desiredScopes.computeIfAbsent(key.group() + "/" + key.kind(), gk -> {
      // A kind whose schema fills defaults may fill them anywhere: copied whole up front rather than
      // found out per object by a refused write and prepared twice.
      if (!options.normalizers().stream().allMatch(n -> n instanceof ScopedNormalizer)
          || schema.hasDefaults(key.group(), key.kind())) {
        return WHOLE;
      }
      Trees.Paths p = new Trees.Paths();
      ServerFields.modifiedMaps(p::add);
      options.normalizers().forEach(n -> ((ScopedNormalizer) n).modifiedMaps(key, p::add));
      return p;
    });
    return paths == WHOLE ? Comparison.prepare(key, m.object(), schema, options, false)
        : Comparison.prepareShared(key, m.object(), paths, schema, options);
  }

  private record LiveScope(String group, String kind, Trees.Paths paths) {}

  private volatile LiveScope lastLiveScope;

  /** The live tree with {@link #before} applied: copied only along the maps they modify. */
  private Map<String, Object> normalizedBefore(ObjectKey key, LiveObject live) {
    if (before.isEmpty()) {
      return live.object();
    }
    Map<String, Object> tree;
    if (scoped) {
      // Diffs come kind after kind: the last kind's scope is asked first, without spelling a key.
      LiveScope last = lastLiveScope;
      Trees.Paths paths;
      if (last != null && last.kind().equals(key.kind()) && last.group().equals(key.group())) {
        paths = last.paths();
      } else {
        paths = liveScopes.computeIfAbsent(key.group() + "/" + key.kind(), gk -> {
          Trees.Paths p = new Trees.Paths();
          before.forEach(n -> ((ScopedNormalizer) n).modifiedMaps(key, p::add));
          return p;
        });
        lastLiveScope = new LiveScope(key.group(), key.kind(), paths);
      }
      if (paths.isEmpty()) {
        return live.object();
      }
      tree = Trees.copyAlong(live.object(), paths);
    } else {
      tree = Trees.mutableCopy(live.object());
    }
    for (Normalizer n : before) {
      n.normalize(key, tree, (p, r) -> { });
    }
    return tree;
  }
}
