package dev.gitops.history;

import dev.gitops.cluster.ForwardingCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.testing.ClusterHistoryStoreContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cluster history contract on the in-memory cluster, and the store's settings and failure paths. */
class ClusterHistoryStoreTest extends ClusterHistoryStoreContract {
  private final InMemoryCluster cluster = InMemoryCluster.create();

  @Override
  protected Cluster cluster() {
    return cluster;
  }

  @Test
  void defaultsAreGitopsSystemTenRecordsAndARandomizedManager() {
    ClusterHistoryStore a = ClusterHistoryStore.builder(cluster).build();
    ClusterHistoryStore b = ClusterHistoryStore.builder(cluster).fieldManager("my-controller").build();

    assertThat(a.namespace()).isEqualTo("gitops-system");
    assertThat(a.limit()).isEqualTo(10);
    assertThat(a.fieldManager()).startsWith("gitops-sdk-history-").isNotEqualTo(
        ClusterHistoryStore.builder(cluster).build().fieldManager());
    assertThat(b.fieldManager()).startsWith("my-controller-");
  }

  @Test
  void theDefaultNamespaceIsCreatedOnTheFirstAppend() {
    ClusterHistoryStore store = ClusterHistoryStore.builder(cluster).build();
    ObjectKey ns = new ObjectKey("", "Namespace", "", "gitops-system");
    assertThat(cluster.get(ns)).isEmpty();

    store.append(record("web", 1));

    assertThat(cluster.get(ns)).isPresent();
    assertThat(store.list("web")).hasSize(1);
  }

  @Test
  void aNamespaceDeletedAfterUseIsMadeAgain() {
    ClusterHistoryStore store = newStore(BIG_LIMIT);
    store.append(record("web", 1));
    cluster.delete(new ObjectKey("", "Namespace", "", store.namespace()), DeleteOptions.defaults());

    SyncRecord next = store.append(record("web", 2));

    assertThat(next.id()).isEqualTo(1);
    assertThat(store.list("web")).containsExactly(next);
  }

  @Test
  void invalidSettingsAreRefused() {
    ClusterHistoryStore.Builder builder = ClusterHistoryStore.builder(cluster);

    assertThatThrownBy(() -> builder.namespace("Gitops_System")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Gitops_System");
    assertThatThrownBy(() -> builder.limit(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> builder.fieldManager(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.fieldManager("m".repeat(101))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendGivesUpAfterBoundedConflictsNamingTheApplication() {
    AtomicInteger applies = new AtomicInteger();
    Cluster alwaysTaken = new ForwardingCluster(cluster) {
      @Override
      public LiveObject apply(Manifest desired, ApplyOptions options) {
        if (desired.kind().equals("ConfigMap")) {
          applies.incrementAndGet();
          throw new ApplyConflictException(desired.key(), "conflict on " + desired.key(),
              List.of(new ApplyConflictException.FieldConflict("someone-else", ".data.record.json")));
        }
        return super.apply(desired, options);
      }
    };
    ClusterHistoryStore store = ClusterHistoryStore.builder(alwaysTaken).namespace("crowded").build();

    assertThatThrownBy(() -> store.append(record("web", 1))).isInstanceOf(HistoryException.class)
        .hasMessageContaining("web").hasMessageContaining("crowded")
        .hasMessageContaining("ids 1 to " + ClusterHistoryStore.MAX_ATTEMPTS);
    assertThat(applies.get()).isEqualTo(ClusterHistoryStore.MAX_ATTEMPTS);
  }

  @Test
  void recordJsonWritesInstantsAsIsoStringsAndEnumsByName() {
    SyncRecord r = record("web", 7).withId(7);

    String json = RecordJson.write(r, "writer-1");

    assertThat(json).startsWith("{\"version\":1,\"application\":\"web\",\"id\":7,\"trigger\":\"AUTOMATED\"")
        .contains("\"startedAt\":\"" + r.startedAt() + "\"", "\"writer\":\"writer-1\"", "\"verdicts\":[]",
            "\"changes\":{\"created\":7,");
    assertThat(RecordJson.read(json, "here")).isEqualTo(r);
  }

  @Test
  void recordJsonRefusesAnUnknownEnumValueNamingTheField() {
    String json = RecordJson.write(record("web", 1).withId(1), "w").replace("\"HEALTHY\"", "\"GLOWING\"");

    assertThatThrownBy(() -> RecordJson.read(json, "ConfigMap ns/web.history.1"))
        .isInstanceOf(UnreadableRecordException.class)
        .hasMessageContaining("ConfigMap ns/web.history.1").hasMessageContaining("health").hasMessageContaining("GLOWING");
  }

  @Test
  void namesKeepValidApplicationsReadableAndHashOthers() {
    assertThat(StorageNames.configMapName("web", 12)).isEqualTo("web.history.12");
    assertThat(StorageNames.configMapName("My App", 3)).matches("my-app-[0-9a-f]{16}\\.history\\.3");
    assertThat(StorageNames.configMapName("My App", 3)).isNotEqualTo(StorageNames.configMapName("my app", 3));
    String longName = "a".repeat(250);
    assertThat(StorageNames.configMapName(longName, 1)).hasSizeLessThanOrEqualTo(253)
        .isNotEqualTo(StorageNames.configMapName("a".repeat(251), 1));
    assertThat(StorageNames.historyOf("web")).isEqualTo("web");
    assertThat(StorageNames.historyOf("a".repeat(64))).matches("[0-9a-f]{40}");
  }
}
