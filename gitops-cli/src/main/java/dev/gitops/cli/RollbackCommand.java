package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.SyncResult;
import dev.gitops.gate.SyncGate;
import dev.gitops.history.ClusterHistoryStore;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitops rollback --to REVISION}: syncs an earlier revision again, recorded as a rollback. */
@Command(name = "rollback",
    description = "Sync an earlier revision of an application again (a commit it was synced at, or a history"
        + " record #N), recorded as a rollback. Automated syncs (of a controller running the SDK's engine) hold"
        + " afterwards: resume them with `gitops resume` and the same application options."
        + " Exit 0: succeeded, 1: failed, denied or unhealthy, 2: error.")
final class RollbackCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  AppOptions app;

  @Option(names = "--to", paramLabel = "REVISION", required = true,
      description = "A commit id (or a prefix of at least 7 characters of one in the history), or #N: the commit"
          + " of history record N.")
  String to;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    if (Location.parse(app.spec().source()) instanceof Location.Local) {
      throw new CliException("rollback needs a Git source (REPO_URL@REF[:PATH]): the local directory "
          + app.spec().source() + " has only the files on disk, no earlier revision");
    }
    return app.run(opened -> {
      Application application = opened.application();
      String revision = revision(application, application.cluster());
      SyncResult result = Syncing.run(application, SyncGate.allowAll(), spec.commandLine().getErr(), "roll back",
          (engine, a) -> engine.rollback(a, revision, Syncing.initiatedBy()));
      return SyncReport.print(output, "Rollback", application, false, result, hint(application, result));
    });
  }

  /**
   * How to lift the hold the rollback's record puts on automated syncs: the {@code resume} command
   * with the options this one was given. None when nothing was recorded or the gate denied it (a
   * denied rollback does not hold).
   */
  private String hint(Application application, SyncResult result) {
    if (result.record().isEmpty() || result.outcome() == SyncOutcome.DENIED) {
      return "";
    }
    return "automated syncs of " + application.name() + " hold until resumed: "
        + app.resumeCommand(application.name()) + "\n";
  }

  /** {@code --to}, with {@code #N} looked up in the history. */
  private String revision(Application application, Cluster cluster) {
    if (!to.startsWith("#")) {
      return to;
    }
    long id;
    try {
      id = Long.parseLong(to.substring(1));
    } catch (NumberFormatException e) {
      throw new CliException("--to " + to + ": expected #N, a history record's number");
    }
    SyncRecord record = ClusterHistoryStore.builder(cluster).build().get(application.name(), id)
        .orElseThrow(() -> new CliException("--to " + to + ": application " + application.name()
            + " has no history record #" + id + " in cluster " + cluster.name()));
    if (record.commitId().isEmpty()) {
      throw new CliException("--to " + to + ": history record #" + id + " holds no commit (" + record.outcome() + ")");
    }
    return record.commitId();
  }
}
