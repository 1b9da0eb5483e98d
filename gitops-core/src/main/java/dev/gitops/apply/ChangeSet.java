package dev.gitops.apply;

import java.util.List;

/**
 * What a sync did: one plain entry per object and hook run, in the order applied.
 *
 * @param entries the entries, in apply order
 */
public record ChangeSet(List<ChangeEntry> entries) {
  public ChangeSet {
    entries = List.copyOf(entries);
  }

  public static ChangeSet empty() {
    return new ChangeSet(List.of());
  }

  /** The entries that failed. */
  public List<ChangeEntry> failures() {
    return entries.stream().filter(ChangeEntry::failed).toList();
  }

  public boolean hasFailures() {
    return entries.stream().anyMatch(ChangeEntry::failed);
  }

  /** The hooks that ran (or were skipped), in order. */
  public List<ChangeEntry> hooks() {
    return entries.stream().filter(ChangeEntry::hook).toList();
  }

  /** The entries of one action. */
  public List<ChangeEntry> withAction(ChangeEntry.Action action) {
    return entries.stream().filter(e -> e.action() == action).toList();
  }

  /** Counts by action; hooks are counted apart. */
  public ChangeSummary summary() {
    int[] n = new int[ChangeEntry.Action.values().length];
    int hooks = 0;
    for (ChangeEntry e : entries) {
      if (e.hook()) {
        hooks++;
        if (!e.failed()) {
          continue;
        }
      }
      n[e.action().ordinal()]++;
    }
    return new ChangeSummary(n[ChangeEntry.Action.CREATED.ordinal()], n[ChangeEntry.Action.CONFIGURED.ordinal()],
        n[ChangeEntry.Action.REPLACED.ordinal()], n[ChangeEntry.Action.UNCHANGED.ordinal()],
        n[ChangeEntry.Action.DELETED.ordinal()], n[ChangeEntry.Action.SKIPPED.ordinal()],
        n[ChangeEntry.Action.FAILED.ordinal()], hooks);
  }

  /** One line per entry, aligned, in apply order: {@code   CREATED    Namespace shop}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (ChangeEntry e : entries) {
      String note = (e.hook() ? "(" + e.phase() + " hook) " : "") + e.message();
      b.append(String.format("  %-10s %-48s %s", e.action(), e.key(), note).stripTrailing()).append('\n');
    }
    return b.toString();
  }
}
