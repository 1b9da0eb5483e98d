package dev.gitops.plan;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.LiveObject;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns declared objects, their diffs and the inventory's leftovers into ordered steps. Pure: no
 * I/O, the same input always gives the same plan. Order: phase (PreSync, Sync, PostSync,
 * SyncFail), then sync wave, then kind group ({@link KindOrder}), then kind rank, namespace and
 * name. Prunes run after every wave, in the reverse order.
 */
public final class Planner {
  private static final Planner DEFAULTS = new Planner(KindOrder.defaults());

  private final KindOrder kinds;
  private final Comparator<Step> applyOrder;

  private Planner(KindOrder kinds) {
    this.kinds = kinds;
    // Ranks looked up by name, not searched in the list on every comparison of a sort.
    java.util.Map<String, Integer> rank = new java.util.HashMap<>();
    for (int i = kinds.ranks().size() - 1; i >= 0; i--) {
      rank.put(kinds.ranks().get(i), i);
    }
    int unranked = kinds.ranks().size();
    this.applyOrder = Comparator.comparing(Step::phase)
        .thenComparingInt(Step::wave)
        .thenComparing(Step::group)
        .thenComparingInt(s -> rank.getOrDefault(s.key().kind(), unranked))
        .thenComparing(Step::key);
  }

  /** A planner with the default kind order. */
  public static Planner defaults() {
    return DEFAULTS;
  }

  /** A planner with another kind order. */
  public static Planner of(KindOrder kinds) {
    return new Planner(requireNonNull(kinds, "kinds"));
  }

  public KindOrder kindOrder() {
    return kinds;
  }

  /**
   * The steps of one declared object: one per hook phase for a hook, else one whose action
   * follows from the diff (missing: create; out of sync: update; in sync: unchanged).
   *
   * @param live the live object, null when it does not exist
   * @param diff the object's diff; may be null for hooks and skipped objects
   */
  public List<Step> steps(Manifest desired, @Nullable LiveObject live, @Nullable ResourceDiff diff,
      Directives directives) {
    requireNonNull(desired, "desired");
    requireNonNull(directives, "directives");
    ObjectKey key = desired.key();
    KindGroup group = kinds.group(key);
    if (directives.skip()) {
      return List.of(new Step(key, Step.Action.SKIP, SyncPhase.SYNC, directives.wave(), group, desired, live,
          diff, directives, "annotated to be skipped by syncs"));
    }
    if (directives.isHook()) {
      List<Step> out = new ArrayList<>();
      for (SyncPhase phase : directives.hookPhases()) {
        out.add(new Step(key, Step.Action.HOOK, phase, directives.wave(), group, desired, live, null,
            directives, phase + " hook"));
      }
      return out;
    }
    requireNonNull(diff, "diff");
    return List.of(switch (diff.status()) {
      case MISSING -> new Step(key, Step.Action.CREATE, SyncPhase.SYNC, directives.wave(), group, desired, null,
          diff, directives, "");
      case OUT_OF_SYNC -> new Step(key, Step.Action.UPDATE, SyncPhase.SYNC, directives.wave(), group, desired,
          live, diff, directives, diff.changes().size() + (diff.changes().size() == 1 ? " change" : " changes"));
      case IN_SYNC -> new Step(key, Step.Action.UNCHANGED, SyncPhase.SYNC, directives.wave(), group, desired,
          live, diff, directives, "");
      case EXTRA -> throw new IllegalArgumentException("a declared object cannot be EXTRA: " + key);
    });
  }

  /**
   * The step of an inventory object that is no longer declared: a prune, or a skip that says why
   * not (the application does not prune, the object opts out, or it needs a confirmation that was
   * not given).
   *
   * @param live the live object
   * @param diff its {@code EXTRA} diff
   * @param prune whether the application prunes
   * @param confirmed whether the sync request confirms prunes of objects annotated {@code Prune=confirm}
   */
  public Step prune(LiveObject live, @Nullable ResourceDiff diff, boolean prune, boolean confirmed) {
    requireNonNull(live, "live");
    Directives d;
    try {
      d = Directives.parse(stringMap(live));
    } catch (IllegalArgumentException e) {
      d = Directives.none(); // a live object's broken annotation must not block pruning it
    }
    Step step = new Step(live.key(), Step.Action.PRUNE, SyncPhase.SYNC, d.wave(), kinds.group(live.key()), null,
        live, diff, d, "no longer declared");
    if (!prune) {
      return step.skipped("no longer declared; the application does not prune");
    }
    return switch (d.prune()) {
      case DISABLED -> step.skipped("no longer declared; annotated Prune=false");
      case CONFIRM -> confirmed ? step : step.skipped("no longer declared; annotated Prune=confirm, not confirmed");
      case ALLOW -> step;
    };
  }

  /** The steps grouped into waves, in apply order. */
  public List<Wave> order(Collection<Step> steps) {
    List<Step> sorted = new ArrayList<>(steps);
    sorted.sort(applyOrder);
    List<Wave> waves = new ArrayList<>();
    List<Step> current = new ArrayList<>();
    for (Step s : sorted) {
      if (!current.isEmpty() && (current.get(0).phase() != s.phase() || current.get(0).wave() != s.wave())) {
        waves.add(new Wave(current.get(0).phase(), current.get(0).wave(), current));
        current = new ArrayList<>();
      }
      current.add(s);
    }
    if (!current.isEmpty()) {
      waves.add(new Wave(current.get(0).phase(), current.get(0).wave(), current));
    }
    return waves;
  }

  /** Prunes in reverse apply order; those annotated PruneLast after all others. */
  public List<Step> pruneOrder(Collection<Step> prunes) {
    List<Step> sorted = new ArrayList<>(prunes);
    sorted.sort(Comparator.comparing((Step s) -> s.directives().pruneLast()).thenComparing(applyOrder.reversed()));
    return sorted;
  }

  private static Map<String, String> stringMap(LiveObject live) {
    Map<String, String> out = new LinkedHashMap<>();
    if (live.get("metadata", "annotations").orElse(null) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
