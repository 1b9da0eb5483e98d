package dev.gitops.cli;

import dev.gitops.apply.ChangeEntry;
import dev.gitops.engine.Application;
import dev.gitops.engine.SyncResult;
import dev.gitops.history.SyncOutcome;
import dev.gitops.plan.Plan;
import java.util.LinkedHashMap;
import java.util.Map;

/** The output of {@code sync} and {@code rollback}: the change set, the outcome, the record. */
final class SyncReport {
  private SyncReport() {}

  /** 0 when the sync succeeded; 1 when it failed, was denied or ended unhealthy. */
  static int exitCode(SyncResult result) {
    return result.outcome() == SyncOutcome.SUCCEEDED ? ExitCode.OK : ExitCode.FAILED;
  }

  /**
   * 0 when the server accepted every change of a dry run; 1 when one failed or the gate denied it.
   * The engine's outcome of a dry run also counts the health the objects have now (it does not
   * wait), so objects a dry run would create are missing and the sync "unhealthy": not a failure.
   */
  static int dryRunExitCode(SyncResult result) {
    return result.outcome() == SyncOutcome.FAILED || result.outcome() == SyncOutcome.DENIED
        ? ExitCode.FAILED : ExitCode.OK;
  }

  /**
   * The header ({@code Sync APP -> CLUSTER at COMMIT (SUBJECT)}), a line per change ({@code ACTION
   * OBJECT  PHASE wave N  MESSAGE}), then the outcome with counts, health and record. A dry run
   * says so in the header and the last line.
   */
  static String text(String verb, String application, String cluster, boolean dryRun, SyncResult result,
      Style style) {
    StringBuilder b = new StringBuilder(verb).append(' ').append(application).append(" -> ").append(cluster);
    result.plan().map(Plan::revision).ifPresent(r -> b.append(" at ").append(r.shortId()).append(" (")
        .append(r.subject()).append(')'));
    if (dryRun) {
      b.append(", dry run");
    }
    b.append('\n');
    for (ChangeEntry e : result.changes().entries()) {
      String action = String.format("%-10s", e.action());
      b.append("  ").append(e.failed() ? style.red(action) : action).append(' ').append(e.key()).append("  ")
          .append(e.hook() ? "hook, " : "").append(e.phase()).append(" wave ").append(e.wave());
      if (!e.message().isEmpty()) {
        b.append("  ").append(e.message());
      }
      b.append('\n');
    }
    if (dryRun) {
      boolean ok = dryRunExitCode(result) == ExitCode.OK;
      String outcome = ok ? "DRY RUN" : "DRY RUN " + result.outcome().name();
      b.append(ok ? style.green(outcome) : style.red(outcome)).append(": ").append(result.changes().summary())
          .append("; nothing written, not recorded; health now ").append(result.health().status()).append('\n');
      if (ok) {
        return b.toString(); // the engine's message would be about the health it did not wait for
      }
    } else {
      String outcome = result.outcome().name();
      b.append(result.succeeded() ? style.green(outcome) : style.red(outcome)).append(": ")
          .append(result.changes().summary()).append("; health ").append(result.health().status());
      result.record().ifPresent(r -> b.append("; recorded as #").append(r.id()));
      b.append('\n');
    }
    if (!result.message().isEmpty()) {
      b.append(result.message()).append('\n');
    }
    return b.toString();
  }

  /**
   * Prints the report of a write ({@code verb}: {@code Sync}, {@code Rollback}) in the format asked
   * for, the text followed by {@code textEnd}; returns the exit code.
   */
  static int print(OutputOptions output, String verb, Application application, boolean dryRun, SyncResult result,
      String textEnd) {
    String cluster = application.cluster().name();
    output.print(() -> text(verb, application.name(), cluster, dryRun, result, Style.detect()) + textEnd,
        () -> document(application.name(), cluster, application.namespace(), dryRun, result));
    return dryRun ? dryRunExitCode(result) : exitCode(result);
  }

  /** The JSON (and YAML) document of docs/cli.md. */
  static Map<String, Object> document(String application, String cluster, String namespace, boolean dryRun,
      SyncResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("application", application);
    m.put("cluster", cluster);
    m.put("namespace", namespace);
    m.put("dryRun", dryRun);
    m.put("revision", result.plan().map(p -> Views.revision(p.revision())).orElse(null));
    m.put("outcome", result.outcome().name());
    m.put("message", result.message());
    m.put("health", result.health().status().name());
    m.put("changes", result.changes().entries().stream().map(SyncReport::entry).toList());
    m.put("record", result.record().map(Views::record).orElse(null));
    return m;
  }

  private static Map<String, Object> entry(ChangeEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", Views.key(e.key()));
    m.put("action", e.action().name());
    m.put("phase", e.phase().name());
    m.put("wave", e.wave());
    m.put("hook", e.hook());
    m.put("message", e.message());
    return m;
  }
}
