package dev.gitops.cli;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.plan.Plan;
import dev.gitops.plan.Step;
import dev.gitops.plan.Wave;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a progress line on stderr when a sync reaches the next wave of its plan (and its prunes):
 * a cluster view that notices the first write to an object of each wave. Writes to objects the
 * plan does not hold (the inventory, the history) pass silently.
 */
final class WaveProgress extends dev.gitops.cluster.ForwardingCluster {
  private final PrintWriter err;
  private final Map<ObjectKey, String> lines = new HashMap<>();
  private String last;

  /**
   * A view of the cluster that reports the waves of the plan given to {@link #expect}.
   *
   * @param cluster the cluster written to
   * @param err where the lines go
   */
  WaveProgress(Cluster cluster, PrintWriter err) {
    super(cluster);
    this.err = err;
  }

  /** The plan the sync is expected to carry out (a plan made just before through this view). */
  synchronized void expect(Plan plan) {
    lines.clear();
    for (Wave w : plan.waves()) {
      long writes = w.steps().stream().filter(Step::writes).count();
      w.steps().forEach(s -> lines.putIfAbsent(s.key(), w + ": " + writes + " to apply of " + w.steps().size()));
    }
    long prunes = plan.prunes().stream().filter(Step::writes).count();
    plan.prunes().forEach(s -> lines.putIfAbsent(s.key(), "Prune: " + prunes + " to delete"));
  }

  @Override
  public LiveObject apply(Manifest desired, ApplyOptions options) {
    if (!options.dryRun()) {
      reached(desired.key());
    }
    return super.apply(desired, options);
  }

  @Override
  public DeleteResult delete(ObjectKey key, DeleteOptions options) {
    reached(key);
    return super.delete(key, options);
  }

  private synchronized void reached(ObjectKey key) {
    String line = lines.get(key);
    if (line != null && !line.equals(last)) {
      last = line;
      err.println(line);
      err.flush();
    }
  }
}
