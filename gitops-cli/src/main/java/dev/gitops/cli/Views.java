package dev.gitops.cli;

import dev.gitops.apply.ChangeSummary;
import dev.gitops.diff.FieldChange;
import dev.gitops.diff.ResourceDiff;
import dev.gitops.gate.Finding;
import dev.gitops.history.SyncRecord;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.Revision;
import dev.gitops.model.SourceLocation;
import dev.gitops.plan.Step;
import dev.gitops.policy.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shapes of the SDK's values, built field by field so that the output schema (docs/cli.md)
 * changes only when this class does, not when a record gains a component.
 */
final class Views {
  private Views() {}

  static Map<String, Object> key(ObjectKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("group", k.group());
    m.put("kind", k.kind());
    m.put("namespace", k.namespace());
    m.put("name", k.name());
    return m;
  }

  static Map<String, Object> source(SourceLocation s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", s.path());
    m.put("line", s.line());
    m.put("via", s.via());
    return m;
  }

  static Map<String, Object> revision(Revision r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", r.ref());
    m.put("commit", r.commitId());
    m.put("subject", r.subject());
    return m;
  }

  static Map<String, Object> verdict(Verdict v) {
    return finding(v.object(), v.ruleId(), v.action().name(), v.severity().name(), v.message(), v.path(),
        v.source());
  }

  static Map<String, Object> finding(Finding f) {
    return finding(f.object(), f.ruleId(), f.action(), f.severity(), f.message(), f.path(), f.source());
  }

  private static Map<String, Object> finding(ObjectKey object, String rule, String action, String severity,
      String message, String path, SourceLocation source) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", key(object));
    m.put("rule", rule);
    m.put("action", action);
    m.put("severity", severity);
    m.put("message", message);
    m.put("path", path);
    m.put("source", source(source));
    return m;
  }

  static Map<String, Object> change(FieldChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", c.path());
    m.put("pointer", c.pointer());
    m.put("live", c.live());
    m.put("desired", c.desired());
    m.put("reason", c.reason().kind().name());
    m.put("detail", c.reason().detail());
    m.put("source", source(c.source()));
    return m;
  }

  /** A diff; the unified text only when asked for (it repeats the changes). */
  static Map<String, Object> diff(ResourceDiff d, boolean unified) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", key(d.key()));
    m.put("status", d.status().name());
    m.put("source", source(d.source()));
    m.put("changes", d.changes().stream().map(Views::change).toList());
    if (unified) {
      m.put("unified", d.unifiedDiff());
    }
    return m;
  }

  static Map<String, Object> step(Step s, boolean unified) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", key(s.key()));
    m.put("action", s.action().name());
    m.put("phase", s.phase().name());
    m.put("wave", s.wave());
    m.put("reason", s.reason());
    m.put("source", s.desired() == null ? null : source(s.desired().source()));
    m.put("diff", s.diff() == null ? null : diff(s.diff(), unified));
    return m;
  }

  /** A history record. */
  static Map<String, Object> record(SyncRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("trigger", r.trigger().name());
    m.put("initiatedBy", r.initiatedBy());
    m.put("ref", r.ref());
    m.put("commit", r.commitId());
    m.put("author", r.author());
    m.put("subject", r.message());
    m.put("startedAt", r.startedAt().toString());
    m.put("finishedAt", r.finishedAt().toString());
    m.put("outcome", r.outcome().name());
    m.put("changes", summary(r.changes()));
    m.put("health", r.health().name());
    m.put("verdicts", r.verdicts());
    m.put("renderedDigest", r.renderedDigest());
    m.put("note", r.note());
    return m;
  }

  static Map<String, Object> summary(ChangeSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", s.created());
    m.put("configured", s.configured());
    m.put("replaced", s.replaced());
    m.put("unchanged", s.unchanged());
    m.put("deleted", s.deleted());
    m.put("skipped", s.skipped());
    m.put("failed", s.failed());
    m.put("hooks", s.hooks());
    return m;
  }

  /** One line of a field change: {@code .spec.replicas: 2 -> 3 (DECLARED: detail) at apps/web.yaml:4}. */
  static String changeLine(FieldChange c) {
    String where = c.source().path().isEmpty() ? "" : " at " + c.source();
    String detail = c.reason().detail().isEmpty() ? "" : ": " + c.reason().detail();
    return c.path() + ": " + value(c.live()) + " -> " + value(c.desired()) + " (" + c.reason().kind() + detail + ")"
        + where;
  }

  private static String value(Object v) {
    return v == null ? "(none)" : Serialization.inline(v);
  }
}
