package dev.gitops.history;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A history kept in this process only, for tests and embedded use. Thread-safe. Keeps the newest
 * {@code limit} records per application and numbers them 1, 2, 3, ... per application; an id is
 * never given twice, even after its record was dropped. Records are stored {@link
 * SyncRecord#bounded() bounded}, as the cluster store keeps them.
 */
public final class InMemoryHistoryStore implements HistoryStore {
  /** Records kept per application when no limit is given, as Argo CD's revisionHistoryLimit. */
  public static final int DEFAULT_LIMIT = 10;

  private final int limit;
  private final Map<String, Application> applications = new ConcurrentHashMap<>();

  private InMemoryHistoryStore(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("history limit must be at least 1, not " + limit);
    }
    this.limit = limit;
  }

  /** A store keeping {@value #DEFAULT_LIMIT} records per application. */
  public static InMemoryHistoryStore create() {
    return new InMemoryHistoryStore(DEFAULT_LIMIT);
  }

  /**
   * A store keeping {@code limit} records per application.
   *
   * @throws IllegalArgumentException if the limit is below 1
   */
  public static InMemoryHistoryStore withLimit(int limit) {
    return new InMemoryHistoryStore(limit);
  }

  /** How many records are kept per application. */
  public int limit() {
    return limit;
  }

  @Override
  public SyncRecord append(SyncRecord record) {
    requireNonNull(record, "record");
    StorageNames.requireApplication(record.application());
    return applications.computeIfAbsent(record.application(), a -> new Application())
        .append(record.bounded(), limit);
  }

  @Override
  public List<SyncRecord> list(String application) {
    requireNonNull(application, "application");
    Application app = applications.get(application);
    return app == null ? List.of() : app.newestFirst();
  }

  @Override
  public Optional<SyncRecord> get(String application, long id) {
    requireNonNull(application, "application");
    Application app = applications.get(application);
    return app == null ? Optional.empty() : app.get(id);
  }

  @Override
  public String toString() {
    return "InMemoryHistoryStore(limit " + limit + ")";
  }

  /** One application's records, oldest first, and its next id. */
  private static final class Application {
    private final Deque<SyncRecord> records = new ArrayDeque<>();
    private long lastId;

    synchronized SyncRecord append(SyncRecord record, int limit) {
      SyncRecord stored = record.withId(++lastId);
      records.addLast(stored);
      while (records.size() > limit) {
        records.removeFirst();
      }
      return stored;
    }

    synchronized List<SyncRecord> newestFirst() {
      List<SyncRecord> out = new ArrayList<>(records.size());
      Iterator<SyncRecord> it = records.descendingIterator();
      it.forEachRemaining(out::add);
      return List.copyOf(out);
    }

    synchronized Optional<SyncRecord> get(long id) {
      return records.stream().filter(r -> r.id() == id).findFirst();
    }
  }
}
