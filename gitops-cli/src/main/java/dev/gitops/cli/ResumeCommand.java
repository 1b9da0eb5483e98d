package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.engine.Application;
import dev.gitops.engine.Engine;
import dev.gitops.history.SyncRecord;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops resume}: lifts the hold a rollback puts on automated syncs (the engine's
 * {@code resume}), with a history record that says who did.
 */
@Command(name = "resume",
    description = "Lift the hold a rollback put on automated syncs of an application (by a controller running the"
        + " SDK's engine on the cluster), recorded in the cluster's history. Writes no object. Exit 0: resumed"
        + " (also when nothing held), 2: error.")
final class ResumeCommand implements Callable<Integer> {
  /** The output formats of {@code resume}. */
  enum Format { text, json, yaml }

  @Spec
  CommandSpec spec;

  @Mixin
  AppOptions app;

  @Mixin
  KubeconfigOptions kubeconfig;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json or yaml; default ${DEFAULT-VALUE}.")
  Format output;

  @Override
  public Integer call() {
    AppSpec described = app.spec();
    String cluster;
    Application application;
    boolean held;
    SyncRecord record;
    // The source is opened only to build the engine's application: resume reads and writes the
    // history alone, so a repository is not cloned.
    try (Checkout checkout = described.open(app.cacheDir); Cluster c = kubeconfig.open()) {
      cluster = c.name();
      application = described.application(checkout, c);
      try (Engine engine = Engine.builder().watchLiveChanges(false).build()) {
        held = engine.isHeld(application);
        record = engine.resume(application, Syncing.initiatedBy());
      } catch (RuntimeException e) {
        throw new CliException("cannot resume application " + application.name() + " in cluster " + cluster, e);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (output) {
      case text -> text(application.name(), cluster, held, record);
      case json -> Serialization.json(document(application.name(), cluster, held, record));
      case yaml -> Serialization.yaml(document(application.name(), cluster, held, record));
    });
    out.flush();
    return ExitCode.OK;
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
