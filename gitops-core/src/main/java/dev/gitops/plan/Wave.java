package dev.gitops.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one phase and sync wave, in kind-group order. A wave is applied group after group;
 * the steps of one group run in parallel. The next wave starts when this one is applied and
 * healthy.
 *
 * @param phase the phase
 * @param number the sync wave
 * @param steps the steps, ordered by kind group, kind, namespace and name
 */
public record Wave(SyncPhase phase, int number, List<Step> steps) {
  public Wave {
    requireNonNull(phase, "phase");
    steps = List.copyOf(steps);
  }

  /** The steps split by kind group, in apply order; each inner list runs in parallel. */
  public List<List<Step>> groups() {
    List<List<Step>> out = new ArrayList<>();
    KindGroup current = null;
    for (Step s : steps) {
      if (s.group() != current) {
        out.add(new ArrayList<>());
        current = s.group();
      }
      out.get(out.size() - 1).add(s);
    }
    return out.stream().map(List::copyOf).toList();
  }

  /** {@code PreSync wave -1}. */
  @Override
  public String toString() {
    return phase + " wave " + number;
  }
}
