package dev.gitops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.apply.ChangeSummary;
import dev.gitops.health.HealthStatus;
import dev.gitops.history.HistoryStore;
import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.history.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Behaviour every {@link HistoryStore} shares. Extend it and implement {@link #newStore(int)}: the
 * in-memory store and the cluster store run it in gitops-core, the cluster store against a real
 * kube-apiserver in gitops-k8s (it ships in gitops-core's test-jar).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class HistoryStoreContract {
  /** A limit no case reaches, for cases about numbering rather than dropping. */
  protected static final int BIG_LIMIT = 1000;
  private static final Instant START = Instant.parse("2026-12-03T08:00:00.123456789Z");

  /** A new, empty store keeping {@code limit} records per application. */
  protected abstract HistoryStore newStore(int limit);

  /** A plain record of an application, made distinct by {@code n}. */
  protected static SyncRecord record(String application, int n) {
    return new SyncRecord(application, 0, Trigger.AUTOMATED, "controller", "refs/heads/main",
        String.format("%040x", n), "Dev One <dev@example.com>", "change " + n, START.plusSeconds(60L * n),
        START.plusSeconds(60L * n + 5), SyncOutcome.SUCCEEDED, new ChangeSummary(n, 0, 0, 3, 0, 0, 0, 0),
        HealthStatus.HEALTHY, List.of(), "sha256:" + String.format("%064x", n), "");
  }

  protected static List<Long> ids(List<SyncRecord> records) {
    return records.stream().map(SyncRecord::id).toList();
  }

  @Test
  void idsIncreaseByOnePerApplication() {
    HistoryStore store = newStore(BIG_LIMIT);
    List<SyncRecord> stored = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      stored.add(store.append(record("web", i)));
    }
    assertThat(ids(stored)).containsExactly(1L, 2L, 3L);
    assertThat(stored.get(1)).isEqualTo(record("web", 2).withId(2));
  }

  @Test
  void applicationsAreNumberedAndListedSeparately() {
    HistoryStore store = newStore(BIG_LIMIT);
    store.append(record("web", 1));
    SyncRecord api = store.append(record("api", 2));
    store.append(record("web", 3));

    assertThat(api.id()).isEqualTo(1);
    assertThat(store.list("web")).extracting(SyncRecord::application).containsOnly("web");
    assertThat(ids(store.list("web"))).containsExactly(2L, 1L);
    assertThat(store.list("api")).containsExactly(record("api", 2).withId(1));
  }

  @Test
  void listIsNewestFirstAndLatestIsTheNewest() {
    HistoryStore store = newStore(BIG_LIMIT);
    for (int i = 1; i <= 4; i++) {
      store.append(record("web", i));
    }
    assertThat(ids(store.list("web"))).containsExactly(4L, 3L, 2L, 1L);
    assertThat(store.latest("web")).contains(record("web", 4).withId(4));
  }

  @Test
  void unknownApplicationHasAnEmptyHistory() {
    HistoryStore store = newStore(BIG_LIMIT);
    store.append(record("web", 1));

    assertThat(store.list("nothing")).isEmpty();
    assertThat(store.latest("nothing")).isEmpty();
    assertThat(store.get("nothing", 1)).isEmpty();
    assertThat(store.get("web", 2)).isEmpty();
  }

  @Test
  void limitDropsTheOldestAndIdsAreNotReused() {
    HistoryStore store = newStore(3);
    for (int i = 1; i <= 5; i++) {
      store.append(record("web", i));
    }
    assertThat(ids(store.list("web"))).containsExactly(5L, 4L, 3L);

    SyncRecord next = store.append(record("web", 6));

    assertThat(next.id()).isEqualTo(6);
    assertThat(ids(store.list("web"))).containsExactly(6L, 5L, 4L);
  }

  @Test
  void getOfADroppedIdIsEmptyAndOfAKeptOneIsTheRecord() {
    HistoryStore store = newStore(2);
    for (int i = 1; i <= 3; i++) {
      store.append(record("web", i));
    }
    assertThat(store.get("web", 1)).isEmpty();
    assertThat(store.get("web", 3)).contains(record("web", 3).withId(3));
  }

  @Test
  void everyFieldRoundTripsIncludingUnicode() {
    HistoryStore store = newStore(BIG_LIMIT);
    SyncRecord full = new SyncRecord("payments", 0, Trigger.ROLLBACK, "Zoë Åström", "refs/tags/v1.2.3",
        "0123456789abcdef0123456789abcdef01234567", "Jürgen Groß <jg@例え.jp>",
        "Déploiement 🚀 « rapide » — 修正 \"quoted\" \\ back\\slash\ttab",
        Instant.parse("2026-01-02T03:04:05.123456789Z"), Instant.parse("2026-01-02T03:05:06Z"),
        SyncOutcome.FAILED, new ChangeSummary(1, 2, 3, 4, 5, 6, 7, 8), HealthStatus.DEGRADED,
        List.of("deny: Deployment web/api runs as root ☠", "warn: no resource limits"),
        "sha256:" + "ab".repeat(32), "rolled back to #3\nsecond line ✓");

    SyncRecord stored = store.append(full);

    assertThat(stored).isEqualTo(full.withId(1));
    assertThat(store.get("payments", 1)).contains(full.withId(1));
    assertThat(store.list("payments")).containsExactly(full.withId(1));
  }

  @Test
  void emptyListsAndTextsRoundTrip() {
    HistoryStore store = newStore(BIG_LIMIT);
    SyncRecord sparse = new SyncRecord("web", 0, Trigger.RESUME, "", "", "", "", "", Instant.EPOCH,
        Instant.EPOCH, SyncOutcome.NONE, ChangeSummary.empty(), HealthStatus.UNKNOWN, List.of(), "", "");

    store.append(sparse);

    assertThat(store.get("web", 1)).contains(sparse.withId(1));
  }

  @Test
  void longTextsAreStoredBounded() {
    HistoryStore store = newStore(BIG_LIMIT);
    SyncRecord big = new SyncRecord("web", 0, Trigger.MANUAL, "x".repeat(5000), "refs/heads/main",
        String.format("%040x", 1), "a".repeat(5000), "m".repeat(5000), START, START, SyncOutcome.DENIED,
        ChangeSummary.empty(), HealthStatus.MISSING,
        IntStream.range(0, 200).mapToObj(i -> "verdict " + i + " " + "v".repeat(2000)).toList(),
        "sha256:" + "00".repeat(32), "n".repeat(100_000));

    SyncRecord stored = store.append(big);

    assertThat(stored).isEqualTo(big.bounded().withId(1));
    assertThat(stored.verdicts()).hasSize(SyncRecord.MAX_VERDICTS);
    assertThat(stored.note()).hasSizeLessThanOrEqualTo(SyncRecord.MAX_NOTE_LENGTH);
    assertThat(stored.message()).hasSizeLessThanOrEqualTo(SyncRecord.MAX_LINE_LENGTH);
    assertThat(store.get("web", 1)).contains(stored);
  }

  @Test
  void emptyApplicationNameIsRefused() {
    HistoryStore store = newStore(BIG_LIMIT);

    assertThatThrownBy(() -> store.append(record("", 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application");
  }

  @Test
  void concurrentAppendsToOneStoreGetDistinctIds() throws Exception {
    HistoryStore store = newStore(BIG_LIMIT);
    int threads = 4;
    int each = 6;
    List<SyncRecord> stored = appendConcurrently(List.of(store), threads, each, "web");

    assertThat(stored).extracting(SyncRecord::id).doesNotHaveDuplicates();
    List<SyncRecord> listed = store.list("web");
    assertThat(ids(listed)).containsExactlyElementsOf(descendingIds(threads * each));
    assertThat(notes(listed)).isEqualTo(notes(stored));
  }

  /** n, n-1, ..., 1. */
  protected static List<Long> descendingIds(int n) {
    return IntStream.range(0, n).mapToObj(i -> (long) (n - i)).toList();
  }

  /**
   * Appends {@code each} records from each of {@code threadsPerStore} threads on every store, all
   * at once; each record carries a distinct note.
   *
   * @return the records as the stores returned them
   */
  protected static List<SyncRecord> appendConcurrently(List<HistoryStore> stores, int threadsPerStore, int each,
      String application) throws Exception {
    int threads = stores.size() * threadsPerStore;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<SyncRecord>>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        HistoryStore store = stores.get(t % stores.size());
        int thread = t;
        Callable<List<SyncRecord>> task = () -> {
          start.await();
          List<SyncRecord> out = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            SyncRecord r = record(application, thread * each + i);
            out.add(store.append(new SyncRecord(r.application(), 0, r.trigger(), r.initiatedBy(), r.ref(),
                r.commitId(), r.author(), r.message(), r.startedAt(), r.finishedAt(), r.outcome(), r.changes(),
                r.health(), r.verdicts(), r.renderedDigest(), "thread " + thread + " append " + i)));
          }
          return out;
        };
        work.add(pool.submit(task));
      }
      start.countDown();
      List<SyncRecord> all = new ArrayList<>();
      for (Future<List<SyncRecord>> f : work) {
        all.addAll(f.get(4, TimeUnit.MINUTES));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The notes of records, as a set. */
  protected static Set<String> notes(List<SyncRecord> records) {
    Set<String> out = new HashSet<>();
    records.forEach(r -> out.add(r.note()));
    return out;
  }
}
