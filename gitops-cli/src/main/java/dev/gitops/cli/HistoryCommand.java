package dev.gitops.cli;

import dev.gitops.cluster.Cluster;
import dev.gitops.history.ClusterHistoryStore;
import dev.gitops.history.SyncRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gitops history}: the application's sync records, as the cluster keeps them. */
@Command(name = "history",
    description = "List an application's syncs, newest first, from the history kept in the cluster of the"
        + " kubeconfig. Exit 0: listed (also when empty), 2: error.")
final class HistoryCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Mixin
  KubeconfigOptions kubeconfig;

  @Mixin
  OutputOptions output;

  /** The application: by its app file or by name. */
  static final class Which {
    @Option(names = "--app", paramLabel = "FILE", required = true,
        description = "The application's app file (only its name is used).")
    Path appFile;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The application's name.")
    String name;

    String name() {
      return appFile != null ? AppFile.read(appFile).name() : name;
    }
  }

  @Override
  public Integer call() {
    String name = which.name();
    List<SyncRecord> records;
    String cluster;
    try (Cluster c = kubeconfig.open()) {
      cluster = c.name();
      try {
        records = ClusterHistoryStore.builder(c).build().list(name);
      } catch (RuntimeException e) {
        throw new CliException("cannot read the history of application " + name + " in cluster " + cluster, e);
      }
    }
    output.print(() -> text(name, cluster, records), () -> document(name, cluster, records));
    return ExitCode.OK;
  }

  private static Map<String, Object> document(String name, String cluster, List<SyncRecord> records) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("application", name);
    m.put("cluster", cluster);
    m.put("records", records.stream().map(Views::record).toList());
    return m;
  }

  /** A line per record: {@code #ID  FINISHED  TRIGGER  COMMIT  OUTCOME  HEALTH  (CHANGES)  SUBJECT}, then its note. */
  private static String text(String name, String cluster, List<SyncRecord> records) {
    if (records.isEmpty()) {
      return "no history of application " + name + " in cluster " + cluster + "\n";
    }
    StringBuilder b = new StringBuilder();
    records.forEach(r -> b.append(recordText(r)));
    return b.toString();
  }

  /** One record as {@code history} prints it: its line, then its note (if any) indented on the next. */
  static String recordText(SyncRecord r) {
    String line = String.format("#%-3d %s  %-8s  %-12s  %-9s  %-11s  (%s)  %s", r.id(), r.finishedAt(), r.trigger(),
        r.shortCommit(), r.outcome(), r.health(), r.changes(), r.message()).stripTrailing() + "\n";
    return r.note().isEmpty() ? line : line + "     " + r.note() + "\n";
  }
}
