package dev.gitops.apply;

/**
 * How many objects a sync changed, by outcome: the short form of a {@link ChangeSet} that the
 * history keeps.
 */
public record ChangeSummary(
    int created, int configured, int replaced, int unchanged, int deleted, int skipped, int failed,
    int hooks) {
  public ChangeSummary {
    if (created < 0 || configured < 0 || replaced < 0 || unchanged < 0 || deleted < 0 || skipped < 0
        || failed < 0 || hooks < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Nothing changed. */
  public static ChangeSummary empty() {
    return new ChangeSummary(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** {@code 2 created, 1 configured, 5 unchanged, 1 deleted}: non-zero counts only. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    append(b, created, "created");
    append(b, configured, "configured");
    append(b, replaced, "replaced");
    append(b, unchanged, "unchanged");
    append(b, deleted, "deleted");
    append(b, skipped, "skipped");
    append(b, failed, "failed");
    append(b, hooks, hooks == 1 ? "hook" : "hooks");
    return b.length() == 0 ? "no changes" : b.toString();
  }

  private static void append(StringBuilder b, int n, String what) {
    if (n > 0) {
      b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(what);
    }
  }
}
