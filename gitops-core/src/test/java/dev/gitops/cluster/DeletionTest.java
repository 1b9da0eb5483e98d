package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.configMap;
import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.manifest;
import static dev.gitops.cluster.Fixtures.map;
import static dev.gitops.cluster.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gitops.cluster.DeleteOptions.Propagation;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class DeletionTest {
  private static final String HOLD = "example.com/hold";
  private final InMemoryCluster cluster = InMemoryCluster.create();

  private LiveObject apply(Map<String, Object> object) {
    return cluster.apply(manifest(object), by("test"));
  }

  private LiveObject cm(String name, List<String> finalizers, LiveObject... owners) {
    Map<String, Object> cm = configMap("default", name, map("k", "v")).toMutableMap();
    Map<String, Object> meta = (Map<String, Object>) cm.get("metadata");
    if (!finalizers.isEmpty()) {
      meta.put("finalizers", list(finalizers.toArray()));
    }
    if (owners.length > 0) {
      List<Object> refs = list();
      for (LiveObject o : owners) {
        refs.add(map("apiVersion", "v1", "kind", "ConfigMap", "name", o.key().name(), "uid", o.uid()));
      }
      meta.put("ownerReferences", refs);
    }
    return apply(cm);
  }

  private boolean exists(LiveObject o) {
    return cluster.get(o.key()).isPresent();
  }

  @Test
  void anObjectWithoutFinalizersIsGoneAtOnce() {
    LiveObject o = cm("plain", List.of());
    assertThat(cluster.delete(o.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.DELETED);
    assertThat(exists(o)).isFalse();
    assertThat(cluster.delete(o.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.NOT_FOUND);
  }

  @Test
  void finalizersHoldTheObjectUntilAnApplyRemovesThem() {
    LiveObject o = cm("held", List.of(HOLD));
    assertThat(cluster.delete(o.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.PENDING_FINALIZERS);
    LiveObject deleting = cluster.get(o.key()).orElseThrow();
    assertThat(deleting.deletionTimestamp()).isPresent();
    assertThat(deleting.resourceVersion()).isNotEqualTo(o.resourceVersion());
    assertThat(cluster.delete(o.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.PENDING_FINALIZERS);

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> cm("held", List.of(HOLD, "example.com/another")));
    assertThat(e.causes()).extracting(InvalidObjectException.FieldCause::field).containsExactly("metadata.finalizers");

    cm("held", List.of());
    assertThat(exists(o)).isFalse();
  }

  @Test
  void dryRunReportsWithoutDeleting() {
    LiveObject plain = cm("plain", List.of());
    LiveObject held = cm("held", List.of(HOLD));
    DeleteOptions dry = DeleteOptions.defaults().withDryRun(true);
    assertThat(cluster.delete(plain.key(), dry)).isEqualTo(DeleteResult.DELETED);
    assertThat(cluster.delete(held.key(), dry)).isEqualTo(DeleteResult.PENDING_FINALIZERS);
    assertThat(cluster.get(plain.key())).contains(plain);
    assertThat(cluster.get(held.key())).contains(held);
  }

  @Test
  void backgroundDeletionCollectsDependentsWhoseOwnersAreAllGone() {
    LiveObject owner = cm("owner", List.of());
    LiveObject other = cm("other", List.of());
    LiveObject child = cm("child", List.of(), owner);
    LiveObject grandchild = cm("grandchild", List.of(), child);
    LiveObject shared = cm("shared", List.of(), owner, other);

    assertThat(cluster.delete(owner.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.DELETED);
    assertThat(exists(child)).isFalse();
    assertThat(exists(grandchild)).isFalse();
    LiveObject kept = cluster.get(shared.key()).orElseThrow();
    assertThat((List<Object>) kept.get("metadata", "ownerReferences").orElseThrow())
        .extracting(r -> (Object) ((Map<?, ?>) r).get("uid")).containsExactly(other.uid());
  }

  @Test
  void foregroundDeletionWaitsForDependents() {
    LiveObject owner = cm("owner", List.of());
    LiveObject child = cm("child", List.of(HOLD), owner);

    assertThat(cluster.delete(owner.key(), DeleteOptions.defaults().withPropagation(Propagation.FOREGROUND)))
        .isEqualTo(DeleteResult.PENDING_FINALIZERS);
    LiveObject waiting = cluster.get(owner.key()).orElseThrow();
    assertThat(waiting.finalizers()).containsExactly("foregroundDeletion");
    assertThat(waiting.deletionTimestamp()).isPresent();
    assertThat(cluster.get(child.key()).orElseThrow().deletionTimestamp()).isPresent();

    cm("child", List.of(), owner);
    assertThat(exists(child)).isFalse();
    assertThat(exists(owner)).isFalse();
  }

  @Test
  void foregroundDeletionWithoutDependentsIsImmediate() {
    LiveObject owner = cm("owner", List.of());
    assertThat(cluster.delete(owner.key(), DeleteOptions.defaults().withPropagation(Propagation.FOREGROUND)))
        .isEqualTo(DeleteResult.DELETED);
  }

  @Test
  void orphanDeletionLeavesDependentsWithoutTheOwner() {
    LiveObject owner = cm("owner", List.of());
    LiveObject child = cm("child", List.of(), owner);

    assertThat(cluster.delete(owner.key(), DeleteOptions.defaults().withPropagation(Propagation.ORPHAN)))
        .isEqualTo(DeleteResult.DELETED);
    LiveObject orphan = cluster.get(child.key()).orElseThrow();
    assertThat(orphan.get("metadata", "ownerReferences")).isEmpty();
    assertThat(orphan.managedFields().get(0).fieldsV1().toString()).doesNotContain("ownerReferences");
  }

  @Test
  void deletingANamespaceDeletesItsObjects() {
    cluster.apply(namespace("team"), by("admin"));
    LiveObject a = cluster.apply(configMap("team", "a", map()), by("app"));
    LiveObject b = cluster.apply(configMap("team", "b", map()), by("app"));
    ObjectKey ns = new ObjectKey("", "Namespace", "", "team");

    assertThat(cluster.delete(ns, DeleteOptions.defaults())).isEqualTo(DeleteResult.DELETED);
    assertThat(exists(a) || exists(b)).isFalse();
    assertThat(cluster.get(ns)).isEmpty();
  }

  @Test
  void aNamespaceWaitsForItsObjectsFinalizersAndRefusesNewObjects() {
    cluster.apply(namespace("team"), by("admin"));
    Map<String, Object> held = configMap("team", "held", map()).toMutableMap();
    ((Map<String, Object>) held.get("metadata")).put("finalizers", list(HOLD));
    cluster.apply(manifest(held), by("app"));
    ObjectKey ns = new ObjectKey("", "Namespace", "", "team");

    assertThat(cluster.delete(ns, DeleteOptions.defaults())).isEqualTo(DeleteResult.PENDING_FINALIZERS);
    assertThat(cluster.get(ns).orElseThrow().get("status", "phase")).contains("Terminating");
    assertThatThrownBy(() -> cluster.apply(configMap("team", "late", map()), by("app")))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("namespace \"team\" because it is being terminated");

    ((Map<String, Object>) held.get("metadata")).remove("finalizers");
    cluster.apply(manifest(held), by("app"));
    assertThat(cluster.get(ns)).isEmpty();
  }

  @Test
  void deletingAnUnknownKindFails() {
    assertThatThrownBy(() -> cluster.delete(new ObjectKey("example.com", "Nothing", "", "x"), DeleteOptions.defaults()))
        .isInstanceOf(UnknownResourceTypeException.class);
  }
}
