package dev.gitops.testing;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cluster that breaks on purpose, for the engine's reliability tests: writes of chosen objects
 * fail with the exception an API error would become (a 500, a timeout, a conflict, an immutable
 * field), or the process "stops" after a number of writes ({@link ProcessStopped}, an Error that
 * no sync code catches, as a killed process would leave things).
 */
public final class FaultyCluster extends dev.gitops.cluster.ForwardingCluster {
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile int stopAfterWrites = -1;

  public FaultyCluster(Cluster delegate) {
    super(delegate);
  }

  /** The process stopped: thrown by a write once {@link #stopAfterWrites} writes have been made. */
  public static final class ProcessStopped extends Error {
    private static final long serialVersionUID = 1L;

    ProcessStopped(String message) {
      super(message);
    }
  }

  private record Fault(Predicate<ObjectKey> matches, Function<ObjectKey, RuntimeException> error, boolean once,
      AtomicInteger fired) {}

  /** Every apply of a matching object fails with the error. */
  public FaultyCluster failApplies(Predicate<ObjectKey> matches, Function<ObjectKey, RuntimeException> error) {
    faults.add(new Fault(matches, error, false, new AtomicInteger()));
    return this;
  }

  /** The next apply of a matching object fails with the error; later ones succeed. */
  public FaultyCluster failNextApply(Predicate<ObjectKey> matches, Function<ObjectKey, RuntimeException> error) {
    faults.add(new Fault(matches, error, true, new AtomicInteger()));
    return this;
  }

  /** After this many more writes (applies and deletes), the next write stops the process. */
  public FaultyCluster stopAfterWrites(int n) {
    writes.set(0);
    stopAfterWrites = n;
    return this;
  }

  /** Removes every fault: the cluster behaves again. */
  public FaultyCluster heal() {
    faults.clear();
    stopAfterWrites = -1;
    return this;
  }

  /** Writes (applies and deletes, dry runs excluded) seen since the last {@link #stopAfterWrites}. */
  public int writes() {
    return writes.get();
  }

  @Override
  public LiveObject apply(Manifest desired, ApplyOptions options) {
    write(options.dryRun(), desired.key());
    for (Fault f : faults) {
      if (f.matches.test(desired.key()) && (!f.once || f.fired.getAndIncrement() == 0)) {
        throw f.error.apply(desired.key());
      }
    }
    return super.apply(desired, options);
  }

  @Override
  public DeleteResult delete(ObjectKey key, DeleteOptions options) {
    write(options.dryRun(), key);
    return super.delete(key, options);
  }

  private void write(boolean dryRun, ObjectKey key) {
    if (dryRun || stopAfterWrites < 0) {
      return;
    }
    if (writes.getAndIncrement() >= stopAfterWrites) {
      throw new ProcessStopped("process stopped before writing " + key);
    }
  }
}
