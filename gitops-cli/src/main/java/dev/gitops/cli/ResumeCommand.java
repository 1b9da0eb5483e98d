package dev.gitops.cli;

import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.history.SyncRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gitops resume}: lifts the hold a rollback puts on automated syncs (the engine's
 * {@code resume}), with a history record that says who did.
 */
@Command(name = "resume",
    description = "Lift the hold a rollback put on automated syncs of an application (by a controller running the"
        + " SDK's engine on the cluster), recorded in the cluster's history. Writes no object. Exit 0: resumed"
        + " (also when nothing held), 2: error.")
final class ResumeCommand implements Callable<Integer> {
  @Mixin
  AppOptions app;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() {
    // The source is opened only to build the engine's application: resume reads and writes the
    // history alone, so a repository is not cloned.
    return app.run(opened -> {
      Application application = opened.application();
      boolean held;
      SyncRecord record;
      try (Engine engine = Engine.builder().watchLiveChanges(false).build()) {
        held = engine.isHeld(application);
        record = engine.resume(application, Syncing.initiatedBy());
      } catch (RuntimeException e) {
        throw new CliException("cannot resume application " + application.name() + " in cluster " + opened.cluster(),
            e);
      }
      output.print(() -> text(application.name(), opened.cluster(), held, record),
          () -> document(application.name(), opened.cluster(), held, record));
      return ExitCode.OK;
    });
  }

  /** The first line says whether anything held, then the record as {@code history} prints it. */
  static String text(String application, String cluster, boolean held, SyncRecord record) {
    return "Resume " + application + " -> " + cluster + ": "
        + (held ? "automated syncs resume (they held after a rollback)" : "nothing held (no rollback since the last resume)")
        + "; recorded as #" + record.id() + "\n" + HistoryCommand.recordText(record);
  }

  /** The JSON and YAML document of docs/cli.md. */
  static Map<String, Object> document(String application, String cluster, boolean held, SyncRecord record) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("application", application);
    m.put("cluster", cluster);
    m.put("wasHeld", held);
    m.put("record", Views.record(record));
    return m;
  }
}
