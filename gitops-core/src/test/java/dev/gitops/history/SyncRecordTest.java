package dev.gitops.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.apply.ChangeSummary;
import dev.gitops.health.HealthStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyncRecordTest {
  private static SyncRecord withText(String message, List<String> verdicts, String note) {
    return new SyncRecord("web", 0, Trigger.MANUAL, "me", "refs/heads/main", "c0ffee", "Me <me@example.com>",
        message, Instant.EPOCH, Instant.EPOCH, SyncOutcome.SUCCEEDED, ChangeSummary.empty(), HealthStatus.HEALTHY,
        verdicts, "sha256:00", note);
  }

  @Test
  void boundedReturnsTheSameRecordWhenNothingIsTooLong() {
    SyncRecord r = withText("short", List.of("one verdict"), "a note");

    assertThat(r.bounded()).isSameAs(r);
  }

  @Test
  void boundedCutsLongTextWithAnEllipsis() {
    SyncRecord r = withText("m".repeat(SyncRecord.MAX_LINE_LENGTH + 1), List.of(), "n".repeat(SyncRecord.MAX_NOTE_LENGTH * 2));

    SyncRecord b = r.bounded();

    assertThat(b.message()).hasSize(SyncRecord.MAX_LINE_LENGTH).endsWith("m…");
    assertThat(b.note()).hasSize(SyncRecord.MAX_NOTE_LENGTH).endsWith("n…");
  }

  @Test
  void boundedNeverSplitsASurrogatePair() {
    // The cut falls right after the first half of a rocket emoji.
    String message = "x".repeat(SyncRecord.MAX_LINE_LENGTH - 2) + "🚀" + "tail";

    String cut = withText(message, List.of(), "").bounded().message();

    assertThat(cut).isEqualTo("x".repeat(SyncRecord.MAX_LINE_LENGTH - 2) + "…");
    assertThat(cut.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }

  @Test
  void boundedKeepsTheFirstVerdictsAndCountsTheRest() {
    List<String> verdicts = IntStream.range(0, SyncRecord.MAX_VERDICTS + 10).mapToObj(i -> "verdict " + i).toList();

    List<String> kept = withText("m", verdicts, "").bounded().verdicts();

    assertThat(kept).hasSize(SyncRecord.MAX_VERDICTS);
    assertThat(kept.get(SyncRecord.MAX_VERDICTS - 2)).isEqualTo("verdict " + (SyncRecord.MAX_VERDICTS - 2));
    assertThat(kept.get(SyncRecord.MAX_VERDICTS - 1)).isEqualTo("… and 11 more");
  }
}
