package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.gate.SyncGate;
import dev.gitops.engine.SyncResult;
import dev.gitops.history.SyncOutcome;
import dev.gitops.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;

/** Plans a source against a cluster with the SDK's engine: fetch, render, gate, diff, order; no writes. */
final class Planning {
  private Planning() {}

  /**
   * The engine's plan of the checkout as an application in the cluster.
   *
   * @throws CliException naming the source and the cluster when planning fails
   */
  static Plan plan(Checkout checkout, String source, ClusterOptions options, Cluster cluster, SyncGate gate) {
    Application app;
    try {
      app = Application.builder(options.names.name(checkout))
          .source(checkout.source()).ref(checkout.ref()).path(checkout.path())
          .destination(cluster, options.names.namespace())
          .build();
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid application", e);
    }
    if (options.live != null) {
      seed(cluster, app, options.live);
    }
    // No live-change watches: one plan, then exit; a watch would only start informers on a real cluster.
    try (Engine engine = Engine.builder().gate(gate).watchLiveChanges(false).build()) {
      return engine.plan(app);
    } catch (RuntimeException e) {
      throw new CliException("cannot plan " + source + " against cluster " + cluster.name(), e);
    }
  }

  /**
   * Syncs a local directory into the (in-memory) cluster as the application, so that its objects
   * and inventory are what the plan starts from. Health is assessed once, not waited for: the
   * in-memory cluster runs no controllers that would make workloads ready.
   */
  private static void seed(Cluster cluster, Application app, Path live) {
    try (Checkout checkout = Checkout.local(live, null);
        Engine engine = Engine.builder().watchLiveChanges(false).build()) {
      Application seed = app.withRef(checkout.ref())
          .withOptions(app.options().withHealthTimeout(Duration.ZERO));
      seed = new Application(seed.name(), checkout.source(), seed.ref(), checkout.path(), seed.renderer(),
          seed.cluster(), seed.namespace(), seed.options());
      SyncResult result = engine.sync(seed);
      if (result.outcome() == SyncOutcome.FAILED || result.outcome() == SyncOutcome.DENIED) {
        throw new CliException("cannot seed the in-memory cluster from --live " + live + ": " + result.message());
      }
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CliException("cannot seed the in-memory cluster from --live " + live, e);
    }
  }
}
