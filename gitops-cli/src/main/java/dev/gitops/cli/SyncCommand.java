package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.SyncResult;
import dev.gitops.gate.SyncGate;
import dev.gitops.policy.Gate;
import java.io.PrintWriter;
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
  KubeconfigOptions kubeconfig;

  @Mixin
  PolicyOptions policy;

  @Option(names = "--dry-run",
      description = "Send every write as a server-side dry run and print the changes the sync would make: no object,"
          + " namespace, inventory or history record is written, no hook runs, health is not waited for.")
  boolean dryRun;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json; default ${DEFAULT-VALUE}.")
  ReportFormat output;

  @Override
  public Integer call() {
    AppSpec described = app.spec();
    SyncResult result;
    String cluster;
    Application application;
    try (Checkout checkout = described.open(app.cacheDir); Cluster c = kubeconfig.open()) {
      cluster = c.name();
      application = described.application(checkout, c);
      if (dryRun) {
        application = application.withOptions(application.options().withDryRun(true));
      }
      // Admission policies look up their params among the rendered objects: render once for them.
      SyncGate gate = policy.isEmpty() ? SyncGate.allowAll()
          : Gate.of(policy.policy(SourceOptions.render(checkout, described.source(), described.root()).objects())).forEngine();
      result = Syncing.sync(application, gate, spec.commandLine().getErr());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(output == ReportFormat.json
        ? SyncReport.json(application.name(), cluster, application.namespace(), dryRun, result)
        : SyncReport.text("Sync", application.name(), cluster, dryRun, result, Style.detect()));
    out.flush();
    return dryRun ? SyncReport.dryRunExitCode(result) : SyncReport.exitCode(result);
  }
}
