package dev.gitops.history;

import java.util.List;
import java.util.Optional;

/**
 * Where sync records are kept: {@link ClusterHistoryStore} (in the cluster, built-in kinds only;
 * the default) or {@link InMemoryHistoryStore} (for tests). Implementations are thread-safe and
 * keep a bounded number of records per application, dropping the oldest.
 */
public interface HistoryStore {
  /**
   * Stores a record under the next id of its application.
   *
   * @return the record as stored, with its id
   */
  SyncRecord append(SyncRecord record);

  /** The application's records, newest first; empty for an unknown application. */
  List<SyncRecord> list(String application);

  /** One record by id, if it is still kept. */
  Optional<SyncRecord> get(String application, long id);

  /** The newest record of the application, if any. */
  default Optional<SyncRecord> latest(String application) {
    List<SyncRecord> all = list(application);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }
}
