package dev.gitops.cli;

import dev.gitops.engine.Application;
import dev.gitops.engine.SyncResult;
import dev.gitops.gate.SyncGate;
import dev.gitops.policy.Gate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitops sync}: brings the cluster to what the source declares, and records it in the cluster's history. */
@Command(name = "sync",
    description = "Sync an application into the cluster of the kubeconfig: apply in waves, prune, wait for health,"
        + " record the sync in the cluster. Exit 0: succeeded, 1: failed, denied or unhealthy, 2: error.")
final class SyncCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  AppOptions app;

  @Mixin
  PolicyOptions policy;

  @Option(names = "--dry-run",
      description = "Send every write as a server-side dry run and print the changes the sync would make: no object,"
          + " namespace, inventory or history record is written, no hook runs, health is not waited for.")
  boolean dryRun;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    return app.run(opened -> {
      Application application = opened.application();
      if (dryRun) {
        application = application.withOptions(application.options().withDryRun(true));
      }
      AppSpec described = opened.spec();
      // Admission policies look up their params among the rendered objects: render once for them.
      SyncGate gate = policy.isEmpty() ? SyncGate.allowAll() : Gate.of(policy.policy(
          SourceOptions.render(opened.checkout(), described.source(), described.root()).objects())).forEngine();
      SyncResult result = Syncing.sync(application, gate, spec.commandLine().getErr());
      return SyncReport.print(output, "Sync", application, dryRun, result, "");
    });
  }
}
