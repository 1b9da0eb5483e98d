package dev.gitops.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of all live Java threads (JIT and GC threads are not among them), for benchmarks that
 * report CPU per operation beside wall time: the work of background threads counts too.
 */
final class CpuMeter {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long startNanos;
  private long startOps;
  private long excluded;

  /** Starts an interval at the given operation count. */
  void start(long ops) {
    startOps = ops;
    excluded = 0;
    startNanos = nanos();
  }

  /** Prints the CPU time per operation since {@link #start}, if any operation ran. */
  void print(String what, long ops, String detail) {
    long n = ops - startOps;
    if (n > 0) {
      System.out.printf("cpu per %s: %.1f us (%d %s)%n", what, (nanos() - startNanos - excluded) / 1e3 / n,
          n, detail);
    }
  }

  /** Leaves CPU time out of the interval, for example that of a per-call set-up. */
  void exclude(long nanos) {
    excluded += nanos;
  }

  long nanos() {
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }
}
