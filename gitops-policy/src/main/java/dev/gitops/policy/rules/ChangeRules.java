package dev.gitops.policy.rules;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;
import dev.gitops.policy.Action;
import dev.gitops.policy.ObjectChange;
import dev.gitops.policy.Policy;
import dev.gitops.policy.Rule;
import dev.gitops.policy.Severity;
import dev.gitops.policy.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Rules over the planned change rather than the objects: what may be deleted, how far replicas
 * may drop, and how many objects one sync may prune.
 */
public final class ChangeRules {
  /** Rule id {@value}. */
  public static final String NO_PROTECTED_DELETION = "no-protected-deletion";
  /** Rule id {@value}. */
  public static final String MAX_REPLICA_DROP = "max-replica-drop";
  /** Rule id {@value}. */
  public static final String MAX_PRUNES = "max-prunes";

  /** Kinds whose deletion loses data or everything inside them: {@code group/Kind}. */
  public static final Set<String> DEFAULT_PROTECTED_KINDS = Set.of(
      "/PersistentVolumeClaim", "/Namespace", "apiextensions.k8s.io/CustomResourceDefinition");

  private ChangeRules() {}

  /** PersistentVolumeClaims, Namespaces and CustomResourceDefinitions are never deleted. */
  public static Rule noProtectedDeletion() {
    return noProtectedDeletion(DEFAULT_PROTECTED_KINDS);
  }

  /**
   * Objects of the given kinds are never deleted.
   *
   * @param kinds {@code group/Kind} entries, with an empty group for the core group
   *     ({@code /PersistentVolumeClaim})
   */
  public static Rule noProtectedDeletion(Set<String> kinds) {
    Set<String> protectedKinds = Set.copyOf(kinds);
    return Rule.ofChange(NO_PROTECTED_DELETION, Severity.CRITICAL,
        "Objects of protected kinds (" + String.join(", ", protectedKinds.stream().sorted().toList())
            + ") are not deleted",
        (change, out) -> {
          ObjectKey k = change.key();
          if (change.operation() == ObjectChange.Operation.DELETE
              && protectedKinds.contains(k.group() + "/" + k.kind())) {
            out.add("", k.kind() + " " + k.name() + " would be deleted, and its kind is protected");
          }
        });
  }

  /**
   * An update may not lower {@code spec.replicas} by more than a share of its current value.
   *
   * @param maxShare the largest allowed drop, from 0 (none) to 1 (to zero)
   */
  public static Rule maxReplicaDrop(double maxShare) {
    if (!(maxShare >= 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("maxShare must be between 0 and 1, was " + maxShare);
    }
    return Rule.ofChange(MAX_REPLICA_DROP, Severity.HIGH,
        "Replicas do not drop by more than " + Math.round(maxShare * 100) + "% in one change",
        (change, out) -> {
          if (change.operation() != ObjectChange.Operation.UPDATE) {
            return;
          }
          Object before = change.before().get("spec", "replicas").orElse(null);
          Object after = change.after().get("spec", "replicas").orElse(null);
          if (before instanceof Number b && after instanceof Number a && b.longValue() > 0) {
            double drop = (b.doubleValue() - a.doubleValue()) / b.doubleValue();
            if (drop > maxShare + 1e-9) {
              out.add("spec.replicas", "replicas would drop from " + b.longValue() + " to "
                  + a.longValue() + " (" + Math.round(drop * 100) + "%, limit "
                  + Math.round(maxShare * 100) + "%)");
            }
          }
        });
  }

  /**
   * A policy that denies every prune of a change that prunes more than {@code max} objects, unless
   * each is approved by key. It judges the change as a whole, so it has no per-object verdicts;
   * combine it with others through {@link Policy#all}.
   */
  public static PruneLimit maxPrunes(int max) {
    return new PruneLimit(max, Set.of());
  }

  /** See {@link #maxPrunes(int)}. */
  public static final class PruneLimit implements Policy {
    private final int max;
    private final Set<ObjectKey> approved;

    private PruneLimit(int max, Set<ObjectKey> approved) {
      if (max < 0) {
        throw new IllegalArgumentException("max must not be negative: " + max);
      }
      this.max = max;
      this.approved = Set.copyOf(approved);
    }

    /** The same limit with these deletions approved explicitly: they do not count. */
    public PruneLimit approve(Collection<ObjectKey> keys) {
      Set<ObjectKey> all = new java.util.HashSet<>(approved);
      all.addAll(requireNonNull(keys, "keys"));
      return new PruneLimit(max, all);
    }

    @Override
    public List<Verdict> evaluate(dev.gitops.model.Manifest object) {
      return List.of();
    }

    @Override
    public List<Verdict> evaluate(ObjectChange change) {
      return evaluateChanges(List.of(change));
    }

    @Override
    public List<Verdict> evaluateChanges(Collection<ObjectChange> changes) {
      List<ObjectChange> unapproved = new ArrayList<>();
      for (ObjectChange c : changes) {
        if (c.operation() == ObjectChange.Operation.DELETE && !approved.contains(c.key())) {
          unapproved.add(c);
        }
      }
      if (unapproved.size() <= max) {
        return List.of();
      }
      List<Verdict> out = new ArrayList<>();
      for (ObjectChange c : unapproved) {
        out.add(new Verdict(MAX_PRUNES, c.key(), Severity.HIGH, Action.DENY,
            unapproved.size() + " objects would be pruned, more than the limit of " + max
                + "; approve these deletions explicitly to go ahead", "", c.before().source()));
      }
      return out;
    }
  }
}
