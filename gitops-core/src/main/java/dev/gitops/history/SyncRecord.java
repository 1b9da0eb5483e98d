package dev.gitops.history;

import static java.util.Objects.requireNonNull;

import dev.gitops.apply.ChangeSummary;
import dev.gitops.health.HealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an application's history: who changed what, when, and how it ended. Small on
 * purpose (a few hundred bytes to a few KB): counts and short lines, not the objects themselves;
 * the rendered objects are identified by the revision and their digest.
 *
 * @param application the application's name
 * @param id the record's number within the application, assigned by the store: 1, 2, 3, ...; 0
 *     before it is stored
 * @param trigger what started it
 * @param initiatedBy who or what asked for it (a user name, a controller's identity); empty if
 *     unknown
 * @param ref the ref that was resolved, for example {@code refs/heads/main}
 * @param commitId the full commit id synced
 * @param author the commit's author, {@code Name <email>}
 * @param message the commit message's first line
 * @param startedAt when the sync started
 * @param finishedAt when it ended
 * @param outcome how it ended
 * @param changes how many objects it changed, by outcome
 * @param health the application's health at the end
 * @param verdicts policy findings that denied or warned, one line each
 * @param renderedDigest {@code sha256:<hex>} of the rendered objects, in render order
 * @param note free text: why it failed, which record a rollback returned to; empty if none
 */
public record SyncRecord(
    String application,
    long id,
    Trigger trigger,
    String initiatedBy,
    String ref,
    String commitId,
    String author,
    String message,
    Instant startedAt,
    Instant finishedAt,
    SyncOutcome outcome,
    ChangeSummary changes,
    HealthStatus health,
    List<String> verdicts,
    String renderedDigest,
    String note) {

  /** At most this many verdict lines are kept by {@link #bounded()}. */
  public static final int MAX_VERDICTS = 50;

  /**
   * Longest kept text, in characters, of a one-line field ({@code initiatedBy}, {@code ref}, {@code
   * author}, {@code message}) and of each verdict line, by {@link #bounded()}.
   */
  public static final int MAX_LINE_LENGTH = 500;

  /** Longest kept note, in characters, by {@link #bounded()}. */
  public static final int MAX_NOTE_LENGTH = 4000;

  public SyncRecord {
    requireNonNull(application, "application");
    requireNonNull(trigger, "trigger");
    requireNonNull(initiatedBy, "initiatedBy");
    requireNonNull(ref, "ref");
    requireNonNull(commitId, "commitId");
    requireNonNull(author, "author");
    requireNonNull(message, "message");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(outcome, "outcome");
    requireNonNull(changes, "changes");
    requireNonNull(health, "health");
    verdicts = List.copyOf(verdicts);
    requireNonNull(renderedDigest, "renderedDigest");
    requireNonNull(note, "note");
    if (id < 0) {
      throw new IllegalArgumentException("id must not be negative: " + id);
    }
  }

  /** This record with the id a store assigned. */
  public SyncRecord withId(long value) {
    return new SyncRecord(application, value, trigger, initiatedBy, ref, commitId, author, message,
        startedAt, finishedAt, outcome, changes, health, verdicts, renderedDigest, note);
  }

  /**
   * This record cut to the sizes stores keep, so that one record stays a few KB at most (a
   * ConfigMap holds 1 MiB): one-line fields and verdict lines of at most {@value #MAX_LINE_LENGTH}
   * characters, at most {@value #MAX_VERDICTS} verdicts (the last kept line then says how many were
   * left out) and a note of at most {@value #MAX_NOTE_LENGTH} characters. A cut text ends with
   * {@code …}. The identifiers (application, ref's commit, digest) are never cut.
   *
   * @return this record if nothing needed cutting
   */
  public SyncRecord bounded() {
    List<String> keptVerdicts = new ArrayList<>();
    if (verdicts.size() > MAX_VERDICTS) {
      for (int i = 0; i < MAX_VERDICTS - 1; i++) {
        keptVerdicts.add(cut(verdicts.get(i), MAX_LINE_LENGTH));
      }
      keptVerdicts.add("… and " + (verdicts.size() - (MAX_VERDICTS - 1)) + " more");
    } else {
      verdicts.forEach(v -> keptVerdicts.add(cut(v, MAX_LINE_LENGTH)));
    }
    SyncRecord out = new SyncRecord(application, id, trigger, cut(initiatedBy, MAX_LINE_LENGTH),
        cut(ref, MAX_LINE_LENGTH), commitId, cut(author, MAX_LINE_LENGTH), cut(message, MAX_LINE_LENGTH),
        startedAt, finishedAt, outcome, changes, health, keptVerdicts, renderedDigest,
        cut(note, MAX_NOTE_LENGTH));
    return out.equals(this) ? this : out;
  }

  /** The text, or its start and an ellipsis within {@code max} characters, never splitting a surrogate pair. */
  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // keep the pair whole
    }
    return text.substring(0, end) + "…";
  }

  /** The first 12 characters of the commit id. */
  public String shortCommit() {
    return commitId.length() > 12 ? commitId.substring(0, 12) : commitId;
  }

  /** {@code #3 2026-12-03T08:00:00Z MANUAL abc123def456 SUCCEEDED (2 created, 1 deleted) HEALTHY}. */
  @Override
  public String toString() {
    return "#" + id + " " + finishedAt + " " + trigger + " " + shortCommit() + " " + outcome
        + " (" + changes + ") " + health + (note.isEmpty() ? "" : " - " + note);
  }
}
