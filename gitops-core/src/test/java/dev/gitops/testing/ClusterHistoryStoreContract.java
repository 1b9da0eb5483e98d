package dev.gitops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.history.ClusterHistoryStore;
import dev.gitops.history.HistoryStore;
import dev.gitops.history.SyncRecord;
import dev.gitops.history.UnreadableRecordException;
import dev.gitops.history.UnsupportedRecordVersionException;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link HistoryStoreContract} for {@link ClusterHistoryStore} on a {@link Cluster} backend,
 * plus what only a shared, durable store has: other instances (processes) see the records, append
 * concurrently without losing any, and a damaged ConfigMap spoils only its own record. Each case
 * keeps its records in a fresh namespace, which it deletes afterwards, so cases are independent on
 * a shared server.
 */
public abstract class ClusterHistoryStoreContract extends HistoryStoreContract {
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final String VANDAL = "history-contract-vandal";

  private final String namespace = "history-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

  /** The cluster under test; may be shared by all cases. */
  protected abstract Cluster cluster();

  @Override
  protected ClusterHistoryStore newStore(int limit) {
    return ClusterHistoryStore.builder(cluster()).namespace(namespace).limit(limit).build();
  }

  @AfterEach
  void deleteNamespace() {
    try {
      cluster().delete(new ObjectKey("", "Namespace", "", namespace), DeleteOptions.defaults());
    } catch (ClusterException e) {
      // Best effort: a real server's namespace controller finishes the rest.
    }
  }

  @Test
  void aNewStoreInstanceSeesTheRecordsAndContinuesTheirIds() {
    HistoryStore first = newStore(2);
    for (int i = 1; i <= 3; i++) {
      first.append(record("web", i));
    }

    HistoryStore restarted = newStore(2);

    assertThat(restarted.list("web")).isEqualTo(first.list("web"));
    assertThat(restarted.append(record("web", 4)).id()).isEqualTo(4);
    assertThat(ids(first.list("web"))).containsExactly(4L, 3L);
  }

  @Test
  void twoInstancesAppendingConcurrentlyGetDistinctIdsAndLoseNoRecord() throws Exception {
    ClusterHistoryStore a = newStore(BIG_LIMIT);
    ClusterHistoryStore b = newStore(BIG_LIMIT);
    assertThat(a.fieldManager()).isNotEqualTo(b.fieldManager());
    int threadsPerStore = 3;
    int each = 5;

    List<SyncRecord> stored = appendConcurrently(List.of(a, b), threadsPerStore, each, "web");

    int total = 2 * threadsPerStore * each;
    assertThat(stored).extracting(SyncRecord::id).doesNotHaveDuplicates();
    List<SyncRecord> listed = newStore(BIG_LIMIT).list("web");
    assertThat(ids(listed)).containsExactlyElementsOf(descendingIds(total));
    assertThat(notes(listed)).hasSize(total).isEqualTo(notes(stored));
    for (SyncRecord r : stored) {
      assertThat(b.get("web", r.id())).contains(r);
    }
  }

  @Test
  void recordsAreConfigMapsNamedLabelledAndVersionedAsDocumented() {
    ObjectKey ns = new ObjectKey("", "Namespace", "", namespace);
    assertThat(cluster().get(ns)).isEmpty();
    ClusterHistoryStore store = newStore(BIG_LIMIT);

    store.append(record("web", 1));

    assertThat(cluster().get(ns)).isPresent();
    LiveObject cm = recordObject("web", 1);
    assertThat(cm.key().name()).isEqualTo("web.history.1");
    assertThat(cm.get("metadata", "labels")).contains(Map.of(
        ClusterHistoryStore.MANAGED_BY_LABEL, "gitops-sdk",
        ClusterHistoryStore.HISTORY_OF_LABEL, "web",
        ClusterHistoryStore.HISTORY_ID_LABEL, "1"));
    assertThat(cm.get("metadata", "annotations", ClusterHistoryStore.APPLICATION_ANNOTATION)).contains("web");
    assertThat(cm.get("data", ClusterHistoryStore.RECORD_KEY)).get().asString()
        .startsWith("{\"version\":1,")
        .contains("\"startedAt\":\"" + record("web", 1).startedAt() + "\"");
  }

  @Test
  void unusualAndLongApplicationNamesGetValidNamesAndLabels() {
    ClusterHistoryStore store = newStore(BIG_LIMIT);
    String spaced = "Team A / Payments ✓";
    String longName = "service-" + "x".repeat(300);
    String upper = "Web_Frontend";
    for (String app : List.of(spaced, longName, upper)) {
      store.append(record(app, 1));
      store.append(record(app, 2));
    }

    for (String app : List.of(spaced, longName, upper)) {
      assertThat(ids(store.list(app))).as(app).containsExactly(2L, 1L);
      assertThat(store.list(app)).extracting(SyncRecord::application).containsOnly(app);
      LiveObject cm = recordObject(app, 2);
      assertThat(cm.key().name()).matches(SUBDOMAIN).hasSizeLessThanOrEqualTo(253);
      assertThat(String.valueOf(cm.get("metadata", "labels", ClusterHistoryStore.HISTORY_OF_LABEL).orElseThrow()))
          .matches(LABEL_VALUE).hasSizeLessThanOrEqualTo(63);
    }
    assertThat(String.valueOf(recordObject(upper, 1).get("metadata", "labels", ClusterHistoryStore.HISTORY_OF_LABEL)
        .orElseThrow())).isEqualTo(upper);
  }

  @Test
  void aCorruptRecordIsSkippedInListAndRefusedByGet() {
    ClusterHistoryStore store = newStore(BIG_LIMIT);
    for (int i = 1; i <= 3; i++) {
      store.append(record("web", i));
    }
    String name = recordObject("web", 2).key().name();
    overwriteRecord("web", 2, "{\"version\":1,\"application\":\"web\",\"id\":2,");

    assertThat(ids(store.list("web"))).containsExactly(3L, 1L);
    UnreadableRecordException e = catchThrowableOfType(UnreadableRecordException.class, () -> store.get("web", 2));
    assertThat(e).hasMessageContaining(namespace + "/" + name);
    assertThat(e.location()).contains(name);
    assertThat(store.append(record("web", 4)).id()).isEqualTo(4);
  }

  @Test
  void aRecordMissingAFieldIsRefusedByGet() {
    ClusterHistoryStore store = newStore(BIG_LIMIT);
    store.append(record("web", 1));
    overwriteRecord("web", 1, "{\"version\":1,\"application\":\"web\",\"id\":1}");

    assertThat(store.list("web")).isEmpty();
    assertThat(catchThrowableOfType(UnreadableRecordException.class, () -> store.get("web", 1)))
        .hasMessageContaining("web.history.1");
  }

  @Test
  void anUnknownMajorVersionIsRefusedNamingTheConfigMap() {
    ClusterHistoryStore store = newStore(BIG_LIMIT);
    store.append(record("web", 1));
    store.append(record("web", 2));
    overwriteRecord("web", 2, "{\"version\":2,\"application\":\"web\",\"id\":2,\"shape\":\"new\"}");

    UnsupportedRecordVersionException e =
        catchThrowableOfType(UnsupportedRecordVersionException.class, () -> store.get("web", 2));
    assertThat(e.version()).isEqualTo(2);
    assertThat(e).hasMessageContaining(namespace + "/web.history.2");
    assertThat(ids(store.list("web"))).containsExactly(1L);
  }

  @Test
  void unknownFieldsOfTheSameMajorVersionAreIgnored() {
    ClusterHistoryStore store = newStore(BIG_LIMIT);
    SyncRecord stored = store.append(record("web", 1));
    String json = String.valueOf(recordObject("web", 1).get("data", ClusterHistoryStore.RECORD_KEY).orElseThrow());
    overwriteRecord("web", 1, json.replaceFirst("^\\{", "{\"addedLater\":{\"nested\":[1,2]},\"flag\":true,"));

    assertThat(store.get("web", 1)).contains(stored);
    assertThat(store.list("web")).containsExactly(stored);
  }

  /** The ConfigMap of one record, found by its labels. */
  protected LiveObject recordObject(String application, long id) {
    return cluster().list(ListRequest.of("", "ConfigMap").inNamespace(namespace)
            .withLabelSelector(ClusterHistoryStore.HISTORY_ID_LABEL + "=" + id)).stream()
        .filter(o -> o.get("metadata", "annotations", ClusterHistoryStore.APPLICATION_ANNOTATION)
            .filter(application::equals).isPresent())
        .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap for record " + id + " of " + application));
  }

  /** Replaces a record's JSON as another writer would, taking over the field. */
  protected void overwriteRecord(String application, long id, String json) {
    LiveObject cm = recordObject(application, id);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", cm.key().name());
    metadata.put("namespace", namespace);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "v1");
    object.put("kind", "ConfigMap");
    object.put("metadata", metadata);
    object.put("data", Map.of(ClusterHistoryStore.RECORD_KEY, json));
    cluster().apply(Manifest.of(object, SourceLocation.unknown()),
        ApplyOptions.defaults().withFieldManager(VANDAL).withForce(true));
  }
}
