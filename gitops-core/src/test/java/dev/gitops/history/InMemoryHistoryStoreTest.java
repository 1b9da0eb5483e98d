package dev.gitops.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.testing.HistoryStoreContract;
import org.junit.jupiter.api.Test;

/** The history contract on the in-memory store, and its factories. */
class InMemoryHistoryStoreTest extends HistoryStoreContract {

  @Override
  protected HistoryStore newStore(int limit) {
    return InMemoryHistoryStore.withLimit(limit);
  }

  @Test
  void createKeepsTenRecordsLikeArgoCd() {
    InMemoryHistoryStore store = InMemoryHistoryStore.create();
    for (int i = 1; i <= 12; i++) {
      store.append(record("web", i));
    }
    assertThat(store.limit()).isEqualTo(10);
    assertThat(ids(store.list("web"))).hasSize(10).startsWith(12L).endsWith(3L);
  }

  @Test
  void limitBelowOneIsRefused() {
    assertThatThrownBy(() -> InMemoryHistoryStore.withLimit(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
