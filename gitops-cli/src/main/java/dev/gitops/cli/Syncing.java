package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.engine.SyncRequest;
import dev.gitops.engine.SyncResult;
import dev.gitops.gate.SyncGate;
import java.io.PrintWriter;
import java.util.function.BiFunction;

/**
 * Runs one write of {@code sync} or {@code rollback} with the SDK's engine: the application's
 * inventory and history live in the cluster (namespace {@code gitops-system}), so that later
 * invocations see what earlier ones did.
 */
final class Syncing {
  private Syncing() {}

  /** Who asks, for the history: {@code gitops-cli:USER}. */
  static String initiatedBy() {
    return "gitops-cli:" + System.getProperty("user.name", "");
  }

  /** A manual sync of the application's own ref. */
  static SyncResult sync(Application app, SyncGate gate, PrintWriter err) {
    return run(app, gate, err, "sync", (engine, a) -> engine.sync(a, SyncRequest.manual().by(initiatedBy())));
  }

  /**
   * Runs the action ({@code what}, for messages: {@code sync}, {@code roll back}) on an engine of its own (no live-change watches: one action, then exit). When
   * stderr is a terminal, a plan made first tells {@link WaveProgress} the waves to report.
   *
   * @throws CliException naming the application and cluster when the engine fails
   */
  static SyncResult run(Application app, SyncGate gate, PrintWriter err, String what,
      BiFunction<Engine, Application, SyncResult> action) {
    Cluster cluster = app.cluster();
    try (Engine engine = Engine.builder().gate(gate).watchLiveChanges(false).build()) {
      Application target = app;
      // A dry run writes nothing for the progress view to notice.
      if (Style.stderrIsTerminal() && !app.options().dryRun()) {
        // The engine keeps the rendered revision of an application in a cluster (the same view
        // here), so the sync does not fetch or render it again.
        WaveProgress progress = new WaveProgress(cluster, err);
        target = withCluster(app, progress);
        progress.expect(engine.plan(target));
      }
      return action.apply(engine, target);
    } catch (CliException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CliException("cannot " + what + " application " + app.name() + " to cluster " + cluster.name(), e);
    }
  }

  private static Application withCluster(Application app, Cluster cluster) {
    return new Application(app.name(), app.source(), app.ref(), app.path(), app.renderer(), cluster, app.namespace(),
        app.options());
  }
}
