package dev.gitops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gitops.cluster.ApplyConflictException;
import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.ClusterException;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.InvalidObjectException;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ManagedFields;
import dev.gitops.cluster.ObjectNotFoundException;
import dev.gitops.cluster.UnknownResourceTypeException;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchEvent;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.model.SourceLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Behaviour every {@link Cluster} backend must share with a real Kubernetes API server. Extend it
 * and implement {@link #cluster()}: the in-memory cluster runs it in gitops-core, the fabric8
 * backend against a real kube-apiserver in gitops-k8s (it ships in gitops-core's test-jar).
 *
 * <p>Cases are written to Kubernetes' real behaviour and compare only what matters: real servers
 * default fields, add objects of their own to new namespaces (the {@code kube-root-ca.crt}
 * ConfigMap) and take a moment to serve a new CustomResourceDefinition. Each case works in a
 * namespace and API group of its own, so cases are independent on a shared server, and removes
 * what it created.
 *
 * <p>A backend that genuinely cannot match a case lists it in {@link #knownDifferences()} with the
 * documentation entry that explains it; the case then ends as a failed assumption carrying that
 * reason, never as a silent skip.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public abstract class ClusterConformanceSuite {
  protected static final String MANAGER_A = "conformance-a";
  protected static final String MANAGER_B = "conformance-b";
  protected static final String HOLD_FINALIZER = "conformance.gitops.dev/hold";
  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final String CRD_KIND = "CustomResourceDefinition";

  private final List<ObjectKey> created = new ArrayList<>();
  private String caseName = "";

  /** The cluster under test; may be shared by all cases. */
  protected abstract Cluster cluster();

  /**
   * Cases this backend is known to get different from a real API server: case method name to the
   * documentation entry that says why (for example {@code docs/in-memory-cluster.md#...}).
   */
  protected Map<String, String> knownDifferences() {
    return Map.of();
  }

  /** How long to wait for eventually-consistent effects (CRD establishment, deletions, events). */
  protected Duration timeout() {
    return Duration.ofSeconds(60);
  }

  @BeforeEach
  void rememberCase(TestInfo info) {
    caseName = info.getTestMethod().map(m -> m.getName()).orElse("");
    String why = knownDifferences().get(caseName);
    Assumptions.assumeTrue(why == null,
        () -> cluster().name() + " is documented to differ from a real API server in '" + caseName + "': " + why);
  }

  @AfterEach
  void removeCreated() {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        cluster().delete(created.get(i), DeleteOptions.defaults());
      } catch (ClusterException e) {
        // Best effort: a real server's namespace controller finishes the rest.
      }
    }
    created.clear();
  }

  // ---------------------------------------------------------------- apply

  @Test
  void createReturnsTheStoredObjectWithServerFields() {
    String ns = freshNamespace();
    LiveObject live = apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);

    assertThat(live.key()).isEqualTo(ObjectKey.of("v1", "ConfigMap", ns, "settings"));
    assertThat(live.uid()).isNotEmpty();
    assertThat(live.resourceVersion()).isNotEmpty();
    assertThat(live.get("metadata", "creationTimestamp")).isPresent();
    assertThat(live.get("data", "color")).contains("blue");
    assertThat(entry(live, MANAGER_A)).hasValueSatisfying(e -> {
      assertThat(e.operation()).isEqualTo("Apply");
      assertThat(e.apiVersion()).isEqualTo("v1");
    });
    assertThat(owns(live, MANAGER_A, "f:data", "f:color")).isTrue();
    assertThat(cluster().get(live.key())).hasValueSatisfying(got -> {
      assertThat(got.uid()).isEqualTo(live.uid());
      assertThat(got.get("data", "color")).contains("blue");
    });
  }

  @Test
  void updateChangesTheObjectAndKeepsItsIdentity() {
    String ns = freshNamespace();
    LiveObject first = apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);
    LiveObject second = apply(configMap(ns, "settings", Map.of("color", "green")), MANAGER_A);

    assertThat(second.uid()).isEqualTo(first.uid());
    assertThat(second.resourceVersion()).isNotEqualTo(first.resourceVersion());
    assertThat(second.get("data", "color")).contains("green");
    assertThat(cluster().get(first.key()).orElseThrow().get("data", "color")).contains("green");
  }

  @Test
  void identicalReapplyLeavesResourceVersionUnchanged() {
    String ns = freshNamespace();
    Manifest cm = configMap(ns, "settings", Map.of("color", "blue"));
    LiveObject first = apply(cm, MANAGER_A);
    LiveObject again = apply(cm, MANAGER_A);

    assertThat(again.resourceVersion()).isEqualTo(first.resourceVersion());
    assertThat(again.managedFields()).isEqualTo(first.managedFields());
    assertThat(times(again)).isEqualTo(times(first));
  }

  @Test
  void conflictingManagersFailUntilForceTakesOwnership() {
    String ns = freshNamespace();
    apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);

    ApplyConflictException conflict = catchThrowableOfType(ApplyConflictException.class,
        () -> apply(configMap(ns, "settings", Map.of("color", "red")), MANAGER_B));
    assertThat(conflict).as("a conflict for .data.color").isNotNull();
    assertThat(conflict.conflicts()).contains(new ApplyConflictException.FieldConflict(MANAGER_A, ".data.color"));
    ObjectKey key = ObjectKey.of("v1", "ConfigMap", ns, "settings");
    assertThat(cluster().get(key).orElseThrow().get("data", "color")).contains("blue");

    LiveObject forced = cluster().apply(configMap(ns, "settings", Map.of("color", "red")),
        ApplyOptions.defaults().withFieldManager(MANAGER_B).withForce(true));
    assertThat(forced.get("data", "color")).contains("red");
    assertThat(owns(forced, MANAGER_B, "f:data", "f:color")).isTrue();
    assertThat(owns(forced, MANAGER_A, "f:data", "f:color")).isFalse();
  }

  @Test
  void sameValueFromTwoManagersIsSharedWithoutConflict() {
    String ns = freshNamespace();
    apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);
    LiveObject shared = apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_B);

    assertThat(owns(shared, MANAGER_A, "f:data", "f:color")).isTrue();
    assertThat(owns(shared, MANAGER_B, "f:data", "f:color")).isTrue();
  }

  @Test
  void fieldDroppedByItsSoleOwnerIsRemoved() {
    String ns = freshNamespace();
    apply(configMap(ns, "settings", Map.of("color", "blue", "size", "L")), MANAGER_A);
    LiveObject after = apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);

    assertThat(after.get("data", "size")).isEmpty();
    assertThat(after.get("data", "color")).contains("blue");
    assertThat(owns(after, MANAGER_A, "f:data", "f:size")).isFalse();
  }

  @Test
  void fieldDroppedWhileAnotherManagerOwnsItIsKeptButDisowned() {
    String ns = freshNamespace();
    apply(configMap(ns, "settings", Map.of("color", "blue", "size", "L")), MANAGER_A);
    apply(configMap(ns, "settings", Map.of("size", "L")), MANAGER_B);
    LiveObject after = apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);

    assertThat(after.get("data", "size")).contains("L");
    assertThat(owns(after, MANAGER_A, "f:data", "f:size")).isFalse();
    assertThat(owns(after, MANAGER_B, "f:data", "f:size")).isTrue();
  }

  @Test
  void dryRunComputesTheResultButPersistsNothing() {
    String ns = freshNamespace();
    ApplyOptions dryRun = ApplyOptions.defaults().withFieldManager(MANAGER_A).withDryRun(true);
    LiveObject wouldCreate = cluster().apply(configMap(ns, "settings", Map.of("color", "blue")), dryRun);
    assertThat(wouldCreate.get("data", "color")).contains("blue");
    assertThat(cluster().get(wouldCreate.key())).isEmpty();

    LiveObject stored = apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);
    LiveObject wouldUpdate = cluster().apply(configMap(ns, "settings", Map.of("color", "green")), dryRun);
    assertThat(wouldUpdate.get("data", "color")).contains("green");
    LiveObject still = cluster().get(stored.key()).orElseThrow();
    assertThat(still.get("data", "color")).contains("blue");
    assertThat(still.resourceVersion()).isEqualTo(stored.resourceVersion());
  }

  // ---------------------------------------------------------------- errors

  @Test
  void invalidObjectIsRefusedNamingTheField() {
    String ns = freshNamespace();
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> apply(configMap(ns, "Not_A_Valid_Name", Map.of()), MANAGER_A));

    assertThat(e).as("an InvalidObjectException").isNotNull();
    assertThat(e.causes()).extracting(InvalidObjectException.FieldCause::field).contains("metadata.name");
    assertThat(e.getMessage()).contains("metadata.name");
  }

  @Test
  void configMapDataOverOneMebibyteIsRefusedAsInvalid() {
    // 1.1 MB in two keys: under the request and storage limits, over the data limit
    String ns = freshNamespace();
    Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> apply(configMap(ns, "big",
        Map.of("a", "x".repeat(700_000), "b", "y".repeat(400_000))), MANAGER_A));
    assertThat(e).isInstanceOf(InvalidObjectException.class).hasMessageContaining("1048576");
    assertThat(cluster().get(ObjectKey.of("v1", "ConfigMap", ns, "big"))).isEmpty();
  }

  @Test
  void objectOverTheStorageLimitIsRefusedAsTooLarge() {
    String group = defineWidgets();
    String ns = freshNamespace();
    Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> applyWhenServed(
        widget(group, ns, "big", map("blob", "x".repeat(2_000_000)))));
    assertThat(e).isInstanceOf(dev.gitops.cluster.ObjectTooLargeException.class);
    assertThat(((dev.gitops.cluster.ObjectTooLargeException) e).key().name()).isEqualTo("big");
    assertThat(cluster().get(new ObjectKey(group, "Widget", ns, "big"))).isEmpty();
  }

  @Test
  void requestOverTheBodyLimitIsRefusedAsTooLarge() {
    String group = defineWidgets();
    String ns = freshNamespace();
    Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> applyWhenServed(
        widget(group, ns, "huge", map("blob", "x".repeat(50_000_000)))));
    assertThat(e).isInstanceOf(dev.gitops.cluster.ObjectTooLargeException.class)
        .hasMessageContaining("3145728");
    assertThat(cluster().get(new ObjectKey(group, "Widget", ns, "huge"))).isEmpty();
  }

  @Test
  void namespacedObjectInMissingNamespaceFailsNamingIt() {
    String missing = "conformance-missing-" + suffix();
    assertThatThrownBy(() -> apply(configMap(missing, "settings", Map.of()), MANAGER_A))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining(missing);
  }

  @Test
  void unknownKindIsReported() {
    Manifest gadget = manifest(map(
        "apiVersion", "nothing-" + suffix() + ".conformance.gitops.dev/v1",
        "kind", "Gadget",
        "metadata", map("name", "g")));
    assertThatThrownBy(() -> apply(gadget, MANAGER_A)).isInstanceOf(UnknownResourceTypeException.class);
  }

  // ---------------------------------------------------------------- immutable fields

  @Test
  void jobTemplateChangeIsRefusedAsImmutable() {
    String ns = freshNamespace();
    apply(job(ns, "once", "registry.k8s.io/pause:3.10", Map.of()), MANAGER_A);

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> apply(job(ns, "once", "registry.k8s.io/pause:3.9", Map.of()), MANAGER_A));
    assertImmutable(e, "spec.template");

    LiveObject relabelled = apply(job(ns, "once", "registry.k8s.io/pause:3.10", Map.of("team", "a")), MANAGER_A);
    assertThat(relabelled.get("metadata", "labels", "team")).contains("a");
  }

  @Test
  void deploymentSelectorChangeIsRefusedAsImmutable() {
    String ns = freshNamespace();
    apply(deployment(ns, "web", 1), MANAGER_A);
    Map<String, Object> moved = deployment(ns, "web", 1).toMutableMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) moved.get("spec");
    spec.put("selector", map("matchLabels", map("app", "web", "track", "new")));
    spec.put("template", podTemplate(map("app", "web", "track", "new")));

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> apply(manifest(moved), MANAGER_A));
    assertImmutable(e, "spec.selector");

    assertThat(apply(deployment(ns, "web", 3), MANAGER_A).get("spec", "replicas")).contains(3L);
  }

  @Test
  void serviceClusterIpChangeIsRefusedAsImmutable() {
    String ns = freshNamespace();
    List<String> ips = clusterIps();
    apply(service(ns, "api", ips.get(0), 80L), MANAGER_A);

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> apply(service(ns, "api", ips.get(1), 80L), MANAGER_A));
    assertThat(e).as("an InvalidObjectException").isNotNull();
    assertThat(e.isImmutableFieldChange()).as("recognised as immutable: %s", e.getMessage()).isTrue();
    assertThat(e.immutableFields()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("spec.clusterIP"));
    assertThat(e.getMessage()).contains("spec.clusterIP");

    LiveObject moved = apply(service(ns, "api", ips.get(0), 8080L), MANAGER_A);
    assertThat(moved.get("spec", "clusterIP")).contains(ips.get(0));
  }

  @Test
  void immutableConfigMapDataChangeIsRefusedAsImmutable() {
    String ns = freshNamespace();
    Map<String, Object> frozen = configMap(ns, "frozen", Map.of("color", "blue")).toMutableMap();
    frozen.put("immutable", true);
    apply(manifest(frozen), MANAGER_A);

    Map<String, Object> changed = configMap(ns, "frozen", Map.of("color", "red")).toMutableMap();
    changed.put("immutable", true);
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class, () -> apply(manifest(changed), MANAGER_A));
    assertImmutable(e, "data");

    Map<String, Object> labelled = configMap(ns, "frozen", Map.of("color", "blue"), Map.of("team", "a")).toMutableMap();
    labelled.put("immutable", true);
    assertThat(apply(manifest(labelled), MANAGER_A).get("metadata", "labels", "team")).contains("a");
  }

  @Test
  void statefulSetChangeOutsideItsMutableFieldsIsRefusedAsImmutable() {
    String ns = freshNamespace();
    apply(statefulSet(ns, "db", "db-headless", 1L), MANAGER_A);

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> apply(statefulSet(ns, "db", "db-other", 1L), MANAGER_A));
    assertImmutable(e, "spec.serviceName");

    assertThat(apply(statefulSet(ns, "db", "db-headless", 2L), MANAGER_A).get("spec", "replicas")).contains(2L);
  }

  @Test
  void persistentVolumeClaimSpecChangeIsRefusedAsImmutable() {
    String ns = freshNamespace();
    apply(claim(ns, "data", "ReadWriteOnce", Map.of()), MANAGER_A);

    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> apply(claim(ns, "data", "ReadWriteMany", Map.of()), MANAGER_A));
    assertImmutable(e, "spec");

    LiveObject labelled = apply(claim(ns, "data", "ReadWriteOnce", Map.of("team", "a")), MANAGER_A);
    assertThat(labelled.get("metadata", "labels", "team")).contains("a");
  }

  @Test
  void otherValidationErrorsAreNotImmutableFieldChanges() {
    String ns = freshNamespace();
    InvalidObjectException e = catchThrowableOfType(InvalidObjectException.class,
        () -> apply(configMap(ns, "Not_A_Valid_Name", Map.of()), MANAGER_A));
    assertThat(e).as("an InvalidObjectException").isNotNull();
    assertThat(e.isImmutableFieldChange()).isFalse();
    assertThat(e.immutableFields()).isEmpty();
    assertThat(e.causes()).extracting(InvalidObjectException.FieldCause::type).contains("FieldValueInvalid");
  }

  // ---------------------------------------------------------------- list

  @Test
  void listFiltersByNamespaceAndLabelSelector() {
    String ns = freshNamespace();
    String other = freshNamespace();
    apply(configMap(ns, "front", Map.of(), Map.of("app", "web", "tier", "front")), MANAGER_A);
    apply(configMap(ns, "back", Map.of(), Map.of("app", "web", "tier", "back", "legacy", "true")), MANAGER_A);
    apply(configMap(ns, "db", Map.of(), Map.of("app", "db")), MANAGER_A);
    apply(configMap(ns, "plain", Map.of()), MANAGER_A);
    apply(configMap(other, "elsewhere", Map.of(), Map.of("app", "web")), MANAGER_A);

    ListRequest inNs = ListRequest.of("", "ConfigMap").inNamespace(ns);
    assertThat(names(cluster().list(inNs))).contains("front", "back", "db", "plain").doesNotContain("elsewhere");
    assertThat(names(cluster().list(inNs.withLabelSelector("app=web")))).containsExactlyInAnyOrder("front", "back");
    assertThat(names(cluster().list(inNs.withLabelSelector("app==web,!legacy")))).containsExactly("front");
    assertThat(names(cluster().list(inNs.withLabelSelector("tier in (front, back)")))).containsExactlyInAnyOrder("front", "back");
    assertThat(names(cluster().list(inNs.withLabelSelector("app,tier notin (back)")))).containsExactlyInAnyOrder("front", "db");
    assertThat(names(cluster().list(inNs.withLabelSelector("app!=web")))).contains("db", "plain").doesNotContain("front", "back");
    assertThat(names(cluster().list(inNs.withLabelSelector("legacy")))).containsExactly("back");
  }

  // ---------------------------------------------------------------- custom resources

  @Test
  void customResourceDefinitionServesItsKind() {
    String group = defineWidgets();
    String ns = freshNamespace();
    LiveObject widget = applyWhenServed(widget(group, ns, "w1", map("size", 3L)));

    assertThat(widget.get("spec", "size")).contains(3L);
    assertThat(cluster().resourceType(group, "Widget")).hasValueSatisfying(t -> {
      assertThat(t.namespaced()).isTrue();
      assertThat(t.plural()).isEqualTo("widgets");
      assertThat(t.version()).isEqualTo("v1");
    });
    assertThat(names(cluster().list(ListRequest.of(group, "Widget").inNamespace(ns)))).containsExactly("w1");
  }

  @Test
  void customResourceGenerationCountsSpecChangesOnly() {
    String group = defineWidgets();
    String ns = freshNamespace();
    LiveObject created = applyWhenServed(widget(group, ns, "w1", map("size", 3L)));
    assertThat(created.generation()).isEqualTo(1L);

    Map<String, Object> labelled = widget(group, ns, "w1", map("size", 3L)).toMutableMap();
    meta(labelled).put("labels", map("extra", "yes"));
    LiveObject relabelled = apply(manifest(labelled), MANAGER_A);
    assertThat(relabelled.resourceVersion()).isNotEqualTo(created.resourceVersion());
    assertThat(relabelled.generation()).isEqualTo(1L);

    labelled.put("spec", map("size", 4L));
    assertThat(apply(manifest(labelled), MANAGER_A).generation()).isEqualTo(2L);
  }

  @Test
  void statusIsNotAppliedWhenTheKindHasAStatusSubresource() {
    String group = defineWidgets();
    String ns = freshNamespace();
    Map<String, Object> withStatus = widget(group, ns, "w1", map("size", 3L)).toMutableMap();
    withStatus.put("status", map("phase", "Ready"));
    LiveObject live = applyWhenServed(manifest(withStatus));

    assertThat(live.get("status", "phase")).isEmpty();
    assertThat(live.get("spec", "size")).contains(3L);
  }

  @Test
  void customResourceGetsItsSchemaDefaultsWhichTheApplierDoesNotOwn() {
    String group = defineWidgets(map(
        "type", "object",
        "properties", map(
            "size", map("type", "integer"),
            "color", map("type", "string", "default", "blue"),
            "limits", map("type", "object", "properties", map(
                "memory", map("type", "string"),
                "cpu", map("type", "string", "default", "1"))),
            "probe", map("type", "object", "default", map(), "properties", map(
                "periodSeconds", map("type", "integer", "default", 10L))),
            "ports", map(
                "type", "array",
                "x-kubernetes-list-type", "map",
                "x-kubernetes-list-map-keys", List.of("name"),
                "items", map("type", "object", "required", List.of("name"), "properties", map(
                    "name", map("type", "string"),
                    "protocol", map("type", "string", "default", "TCP")))))));
    String ns = freshNamespace();
    Map<String, Object> spec = map(
        "size", 3L,
        "limits", map("memory", "1Gi"),
        "ports", List.of(map("name", "web"), map("name", "dns", "protocol", "UDP")));
    LiveObject live = applyWhenServed(widget(group, ns, "w1", spec));

    assertThat(live.get("spec", "color")).contains("blue");
    assertThat(live.get("spec", "limits")).contains(Map.of("memory", "1Gi", "cpu", "1"));
    assertThat(live.get("spec", "probe")).contains(Map.of("periodSeconds", 10L));
    assertThat(live.get("spec", "ports")).contains(List.of(
        Map.of("name", "web", "protocol", "TCP"), Map.of("name", "dns", "protocol", "UDP")));
    assertThat(cluster().get(live.key()).orElseThrow().get("spec")).isEqualTo(live.get("spec"));
    // The applier owns exactly what it sent; the defaults belong to nobody.
    Map<String, Object> sent = map("f:spec", map(
        "f:size", map(),
        "f:limits", map("f:memory", map()),
        "f:ports", map(
            "k:{\"name\":\"web\"}", map(".", map(), "f:name", map()),
            "k:{\"name\":\"dns\"}", map(".", map(), "f:name", map(), "f:protocol", map()))));
    assertThat(live.managedFields()).singleElement().satisfies(e -> {
      assertThat(e.manager()).isEqualTo(MANAGER_A);
      assertThat(e.fieldsV1()).isEqualTo(sent);
    });
    // The stored object already has its defaults: the same apply again writes nothing.
    assertThat(apply(widget(group, ns, "w1", spec), MANAGER_A).resourceVersion()).isEqualTo(live.resourceVersion());
    // A dry run shows them too.
    LiveObject dry = cluster().apply(widget(group, ns, "w2", map("size", 1L)),
        ApplyOptions.defaults().withFieldManager(MANAGER_A).withDryRun(true));
    assertThat(dry.get("spec", "color")).contains("blue");
    assertThat(dry.get("spec", "probe")).contains(Map.of("periodSeconds", 10L));
  }

  @Test
  void customResourceFieldDroppedOrNulledByItsApplierGetsItsDefaultBack() {
    String group = defineWidgets(map(
        "type", "object",
        "properties", map(
            "size", map("type", "integer"),
            "color", map("type", "string", "default", "blue"))));
    String ns = freshNamespace();
    LiveObject red = applyWhenServed(widget(group, ns, "w1", map("size", 1L, "color", "red")));
    assertThat(red.get("spec", "color")).contains("red");
    assertThat(owns(red, MANAGER_A, "f:spec", "f:color")).isTrue();

    LiveObject dropped = apply(widget(group, ns, "w1", map("size", 1L)), MANAGER_A);
    assertThat(dropped.get("spec", "color")).contains("blue");
    assertThat(owns(dropped, MANAGER_A, "f:spec", "f:color")).isFalse();

    LiveObject nulled = apply(widget(group, ns, "w1", map("size", 1L, "color", null)), MANAGER_A);
    // An explicit null of a field that is not nullable is defaulted; the applier owns the path it sent.
    assertThat(nulled.get("spec", "color")).contains("blue");
    assertThat(owns(nulled, MANAGER_A, "f:spec", "f:color")).isTrue();
  }

  @Test
  void explicitNullOfANullableCustomResourceFieldIsKeptNotDefaultedAndOwnedByItsApplier() {
    String group = defineWidgets(map(
        "type", "object",
        "properties", map(
            "size", map("type", "integer"),
            "color", map("type", "string", "nullable", true, "default", "blue"),
            "shape", map("type", "string", "nullable", true))));
    String ns = freshNamespace();
    LiveObject nulled = applyWhenServed(widget(group, ns, "w1", map("size", 1L, "color", null, "shape", null)));

    // A nullable field keeps the null it was sent, with a default or without one.
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) nulled.get("spec").orElseThrow();
    assertThat(spec).containsEntry("color", null).containsEntry("shape", null);
    assertThat(cluster().get(nulled.key()).orElseThrow().get("spec")).contains(spec);
    assertThat(owns(nulled, MANAGER_A, "f:spec", "f:color")).isTrue();
    assertThat(owns(nulled, MANAGER_A, "f:spec", "f:shape")).isTrue();

    // Once the applier drops the field, the default comes back and nobody owns it.
    LiveObject dropped = apply(widget(group, ns, "w1", map("size", 1L)), MANAGER_A);
    assertThat(dropped.get("spec", "color")).contains("blue");
    assertThat(dropped.get("spec", "shape")).isEmpty();
    assertThat(dropped.get("spec", "size")).contains(1L);
    assertThat(owns(dropped, MANAGER_A, "f:spec", "f:color")).isFalse();
    assertThat(owns(dropped, MANAGER_A, "f:spec", "f:shape")).isFalse();
  }

  @Test
  void mapListItemWithoutItsDefaultedKeyFieldIsKeyedByTheDefault() {
    String group = defineWidgets(map(
        "type", "object",
        "properties", map(
            "ports", map(
                "type", "array",
                "x-kubernetes-list-type", "map",
                "x-kubernetes-list-map-keys", List.of("name", "protocol"),
                "items", map("type", "object", "required", List.of("name"), "properties", map(
                    "name", map("type", "string"),
                    "port", map("type", "integer"),
                    "protocol", map("type", "string", "default", "TCP")))))));
    String ns = freshNamespace();
    LiveObject created = applyWhenServed(widget(group, ns, "w1", map("ports", List.of(map("name", "web", "port", 80L)))));
    assertThat(created.get("spec", "ports")).contains(List.of(Map.of("name", "web", "port", 80L, "protocol", "TCP")));
    assertThat(owns(created, MANAGER_A, "f:spec", "f:ports", "k:{\"name\":\"web\",\"protocol\":\"TCP\"}", "f:port"))
        .isTrue();

    // The same item again, not a second one.
    LiveObject updated = apply(widget(group, ns, "w1", map("ports", List.of(map("name", "web", "port", 81L)))), MANAGER_A);
    assertThat(updated.get("spec", "ports")).contains(List.of(Map.of("name", "web", "port", 81L, "protocol", "TCP")));

    // And the same item as one that spells the key out.
    ApplyConflictException conflict = catchThrowableOfType(ApplyConflictException.class, () -> apply(
        widget(group, ns, "w1", map("ports", List.of(map("name", "web", "protocol", "TCP", "port", 82L)))), MANAGER_B));
    assertThat(conflict).as("a conflict for the port").isNotNull();
    assertThat(conflict.conflicts()).containsExactly(
        new ApplyConflictException.FieldConflict(MANAGER_A, ".spec.ports[name=\"web\",protocol=\"TCP\"].port"));
  }

  @Test
  void defaultAddedToTheDefinitionShowsOnStoredObjectsWithoutAWrite() {
    Map<String, Object> specSchema = map("type", "object", "properties", map(
        "size", map("type", "integer"),
        "color", map("type", "string")));
    String group = defineWidgets(specSchema);
    String ns = freshNamespace();
    LiveObject before = applyWhenServed(widget(group, ns, "w1", map("size", 1L)));
    assertThat(before.get("spec", "color")).isEmpty();

    Map<String, Object> withDefault = map("type", "object", "properties", map(
        "size", map("type", "integer"),
        "color", map("type", "string", "default", "blue")));
    apply(widgetsDefinition(group, withDefault), MANAGER_A);

    // Servers default what they read from storage; the stored object is not rewritten.
    LiveObject after = eventually("the new default on " + before.key(),
        () -> cluster().get(before.key()).filter(o -> o.get("spec", "color").isPresent()));
    assertThat(after.get("spec", "color")).contains("blue");
    assertThat(after.resourceVersion()).isEqualTo(before.resourceVersion());
    assertThat(owns(after, MANAGER_A, "f:spec", "f:color")).isFalse();
  }

  // ---------------------------------------------------------------- status subresource

  @Test
  void statusWrittenThroughTheSubresourceIsStoredWithoutBumpingGeneration() throws InterruptedException {
    String ns = freshNamespace();
    LiveObject created = apply(deployment(ns, "web", 2), MANAGER_A);
    assertThat(created.generation()).isEqualTo(1L);
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    Watch watch = cluster().watch(new WatchRequest("apps", "Deployment", ns), events::add);
    try {
      next(events, "web");
      LiveObject written = applyStatus(deploymentStatus(ns, "web", 2), MANAGER_B);

      assertThat(written.get("status", "readyReplicas")).contains(2L);
      assertThat(written.generation()).isEqualTo(1L);
      assertThat(written.resourceVersion()).isNotEqualTo(created.resourceVersion());
      assertThat(written.get("spec")).isEqualTo(created.get("spec"));
      ManagedFields entry = written.managedFields().stream()
          .filter(e -> e.manager().equals(MANAGER_B)).findFirst().orElseThrow();
      assertThat(entry.operation()).isEqualTo("Apply");
      assertThat(entry.subresource()).isEqualTo("status");
      assertThat(entry.fieldsV1()).containsOnlyKeys("f:status");
      assertThat(cluster().get(created.key()).orElseThrow().get("status", "readyReplicas")).contains(2L);
      WatchEvent modified = next(events, "web");
      assertThat(modified.type()).isEqualTo(WatchEvent.Type.MODIFIED);
      assertThat(modified.object().get("status", "readyReplicas")).contains(2L);
    } finally {
      watch.close();
    }
  }

  @Test
  void applyOfTheSpecAfterAStatusWriteKeepsTheStatus() {
    String ns = freshNamespace();
    apply(deployment(ns, "web", 2), MANAGER_A);
    applyStatus(deploymentStatus(ns, "web", 2), MANAGER_B);

    LiveObject scaled = apply(deployment(ns, "web", 3), MANAGER_A);
    assertThat(scaled.get("spec", "replicas")).contains(3L);
    assertThat(scaled.generation()).isEqualTo(2L);
    assertThat(scaled.get("status", "readyReplicas")).contains(2L);
    assertThat(scaled.get("status", "observedGeneration")).contains(1L);
  }

  @Test
  void statusWriteIgnoresSpecAndHonoursDryRunAndConflicts() {
    String ns = freshNamespace();
    LiveObject created = apply(deployment(ns, "web", 2), MANAGER_A);
    Map<String, Object> withSpec = deploymentStatus(ns, "web", 2).toMutableMap();
    withSpec.put("spec", deployment(ns, "web", 5).object().get("spec"));

    LiveObject dry = cluster().applyStatus(manifest(withSpec),
        ApplyOptions.defaults().withFieldManager(MANAGER_B).withDryRun(true));
    assertThat(dry.get("status", "readyReplicas")).contains(2L);
    assertThat(dry.get("spec", "replicas")).contains(2L);
    assertThat(cluster().get(created.key()).orElseThrow().get("status", "readyReplicas")).isEmpty();

    applyStatus(manifest(withSpec), MANAGER_B);
    LiveObject stored = cluster().get(created.key()).orElseThrow();
    assertThat(stored.get("spec", "replicas")).contains(2L);
    assertThat(stored.generation()).isEqualTo(1L);

    ApplyConflictException conflict = catchThrowableOfType(ApplyConflictException.class,
        () -> applyStatus(deploymentStatus(ns, "web", 1), MANAGER_A));
    assertThat(conflict).as("a conflict for .status.readyReplicas").isNotNull();
    assertThat(conflict.conflicts()).contains(new ApplyConflictException.FieldConflict(MANAGER_B, ".status.readyReplicas"));
    LiveObject forced = cluster().applyStatus(deploymentStatus(ns, "web", 1),
        ApplyOptions.defaults().withFieldManager(MANAGER_A).withForce(true));
    assertThat(forced.get("status", "readyReplicas")).contains(1L);
  }

  @Test
  void statusFieldDroppedByItsSoleStatusApplierIsRemoved() {
    String ns = freshNamespace();
    apply(deployment(ns, "web", 2), MANAGER_A);
    applyStatus(deploymentStatus(ns, "web", 2), MANAGER_B);
    Map<String, Object> fewer = deploymentStatus(ns, "web", 2).toMutableMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) fewer.get("status");
    status.remove("readyReplicas");

    LiveObject after = applyStatus(manifest(fewer), MANAGER_B);
    assertThat(after.get("status", "readyReplicas")).isEmpty();
    assertThat(after.get("status", "replicas")).contains(2L);
  }

  @Test
  void statusWriteToAMissingObjectIsObjectNotFound() {
    String ns = freshNamespace();
    assertThatThrownBy(() -> applyStatus(deploymentStatus(ns, "absent", 1), MANAGER_B))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("absent");
  }

  @Test
  void statusWriteForAKindWithoutStatusSubresourceIsObjectNotFound() {
    String ns = freshNamespace();
    apply(configMap(ns, "settings", Map.of("color", "blue")), MANAGER_A);
    Map<String, Object> cm = configMap(ns, "settings", Map.of()).toMutableMap();
    cm.put("status", map("phase", "Ready"));
    assertThatThrownBy(() -> applyStatus(manifest(cm), MANAGER_B))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("settings");
  }

  @Test
  void customResourceStatusIsWrittenThroughItsStatusSubresource() {
    String group = defineWidgets();
    String ns = freshNamespace();
    LiveObject created = applyWhenServed(widget(group, ns, "w1", map("size", 3L)));
    Map<String, Object> report = widget(group, ns, "w1", map("size", 9L)).toMutableMap();
    report.put("status", map("phase", "Ready"));

    LiveObject written = applyStatus(manifest(report), MANAGER_B);
    assertThat(written.get("status", "phase")).contains("Ready");
    assertThat(written.get("spec", "size")).contains(3L);
    assertThat(written.generation()).isEqualTo(created.generation());
    // A later apply of the spec leaves the status alone.
    LiveObject resized = apply(widget(group, ns, "w1", map("size", 4L)), MANAGER_A);
    assertThat(resized.get("status", "phase")).contains("Ready");
    assertThat(resized.generation()).isEqualTo(created.generation() + 1);
  }

  // ---------------------------------------------------------------- delete

  @Test
  void deleteWaitsForFinalizersUntilTheirOwnerDropsThem() {
    String ns = freshNamespace();
    Map<String, Object> held = configMap(ns, "held", Map.of("k", "v")).toMutableMap();
    meta(held).put("finalizers", new ArrayList<>(List.of(HOLD_FINALIZER)));
    LiveObject live = apply(manifest(held), MANAGER_A);

    assertThat(cluster().delete(live.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.PENDING_FINALIZERS);
    LiveObject deleting = cluster().get(live.key()).orElseThrow();
    assertThat(deleting.deletionTimestamp()).isPresent();
    assertThat(deleting.finalizers()).contains(HOLD_FINALIZER);

    meta(held).remove("finalizers");
    apply(manifest(held), MANAGER_A);
    eventually("the object to disappear once its finalizer is gone",
        () -> cluster().get(live.key()).isEmpty() ? Optional.of(true) : Optional.empty());
  }

  @Test
  void deleteOfAMissingObjectReportsNotFound() {
    String ns = freshNamespace();
    assertThat(cluster().delete(ObjectKey.of("v1", "ConfigMap", ns, "absent"), DeleteOptions.defaults()))
        .isEqualTo(DeleteResult.NOT_FOUND);
  }

  @Test
  void deletedObjectIsGone() {
    String ns = freshNamespace();
    LiveObject live = apply(configMap(ns, "settings", Map.of()), MANAGER_A);
    assertThat(cluster().delete(live.key(), DeleteOptions.defaults())).isEqualTo(DeleteResult.DELETED);
    eventually("the object to disappear",
        () -> cluster().get(live.key()).isEmpty() ? Optional.of(true) : Optional.empty());
  }

  // ---------------------------------------------------------------- watch

  @Test
  void watchSeesCreateUpdateAndDeleteInOrder() throws InterruptedException {
    String ns = freshNamespace();
    BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    Watch watch = cluster().watch(new WatchRequest("", "ConfigMap", ns), events::add);
    try {
      // A real server's watch may still be connecting; once it reports this object it is live.
      apply(configMap(ns, "watch-ready", Map.of()), MANAGER_A);
      next(events, "watch-ready");
      LiveObject created = apply(configMap(ns, "watched", Map.of("v", "1")), MANAGER_A);
      apply(configMap(ns, "watched", Map.of("v", "2")), MANAGER_A);
      cluster().delete(created.key(), DeleteOptions.defaults());

      WatchEvent added = next(events, "watched");
      WatchEvent modified = next(events, "watched");
      WatchEvent deleted = next(events, "watched");
      assertThat(added.type()).isEqualTo(WatchEvent.Type.ADDED);
      assertThat(added.object().get("data", "v")).contains("1");
      assertThat(modified.type()).isEqualTo(WatchEvent.Type.MODIFIED);
      assertThat(modified.object().get("data", "v")).contains("2");
      assertThat(deleted.type()).isEqualTo(WatchEvent.Type.DELETED);
      assertThat(deleted.object().uid()).isEqualTo(created.uid());
    } finally {
      watch.close();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Creates a namespace of this case's own, deleted after the case. */
  protected String freshNamespace() {
    String name = "conformance-" + suffix();
    apply(manifest(map("apiVersion", "v1", "kind", "Namespace", "metadata", map("name", name))), MANAGER_A);
    created.add(ObjectKey.of("v1", "Namespace", null, name));
    return name;
  }

  /**
   * Defines a namespaced kind {@code Widget} (plural widgets, version v1, with a status
   * subresource) in an API group of this case's own, waits until it is established, and deletes
   * the definition after the case.
   *
   * @return the group
   */
  protected String defineWidgets() {
    return defineWidgets(map("type", "object", "x-kubernetes-preserve-unknown-fields", true));
  }

  /**
   * Like {@link #defineWidgets()}, with {@code specSchema} as the structural schema of {@code spec}.
   *
   * @return the group
   */
  protected String defineWidgets(Map<String, Object> specSchema) {
    String group = suffix() + ".conformance.gitops.dev";
    LiveObject applied = apply(widgetsDefinition(group, specSchema), MANAGER_A);
    created.add(applied.key());
    eventually("CustomResourceDefinition " + applied.key().name() + " to be established", () -> {
      Optional<LiveObject> live = cluster().get(new ObjectKey(CRD_GROUP, CRD_KIND, "", applied.key().name()));
      return live.filter(ClusterConformanceSuite::established);
    });
    eventually("kind Widget of " + group + " to be served", () -> cluster().resourceType(group, "Widget"));
    return group;
  }

  /** The definition {@link #defineWidgets(Map)} applies. */
  protected static Manifest widgetsDefinition(String group, Map<String, Object> specSchema) {
    Map<String, Object> schema = map(
        "type", "object",
        "properties", map(
            "spec", specSchema,
            "status", map("type", "object", "x-kubernetes-preserve-unknown-fields", true)));
    return manifest(map(
        "apiVersion", "apiextensions.k8s.io/v1",
        "kind", CRD_KIND,
        "metadata", map("name", "widgets." + group),
        "spec", map(
            "group", group,
            "scope", "Namespaced",
            "names", map("plural", "widgets", "singular", "widget", "kind", "Widget", "listKind", "WidgetList"),
            "versions", List.of(map(
                "name", "v1", "served", true, "storage", true,
                "subresources", map("status", map()),
                "schema", map("openAPIV3Schema", schema))))));
  }

  /** Applies, retrying while the kind is not served yet (discovery of a new kind lags on real servers). */
  protected LiveObject applyWhenServed(Manifest m) {
    return eventually("kind " + m.kind() + " to accept " + m.key(), () -> {
      try {
        return Optional.of(apply(m, MANAGER_A));
      } catch (UnknownResourceTypeException e) {
        return Optional.empty();
      }
    });
  }

  protected LiveObject apply(Manifest m, String manager) {
    return cluster().apply(m, ApplyOptions.defaults().withFieldManager(manager));
  }

  /** Polls until the probe yields a value or {@link #timeout()} passes. */
  protected <T> T eventually(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout().toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        return fail("timed out after " + timeout() + " waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted waiting for " + what);
      }
    }
  }

  /** Whether the manager's Apply entry owns the FieldsV1 path ({@code "f:data", "f:color"}). */
  protected static boolean owns(LiveObject live, String manager, String... fieldsV1Path) {
    return entry(live, manager).map(e -> {
      Object node = e.fieldsV1();
      for (String step : fieldsV1Path) {
        if (!(node instanceof Map<?, ?> m) || !m.containsKey(step)) {
          return false;
        }
        node = m.get(step);
      }
      return true;
    }).orElse(false);
  }

  protected static Optional<ManagedFields> entry(LiveObject live, String manager) {
    return live.managedFields().stream()
        .filter(e -> e.manager().equals(manager) && e.operation().equals("Apply"))
        .findFirst();
  }

  protected LiveObject applyStatus(Manifest m, String manager) {
    return cluster().applyStatus(m, ApplyOptions.defaults().withFieldManager(manager));
  }

  /** A Deployment a real API server accepts: selector, matching template labels, one container. */
  protected static Manifest deployment(String ns, String name, long replicas) {
    return manifest(map(
        "apiVersion", "apps/v1",
        "kind", "Deployment",
        "metadata", map("name", name, "namespace", ns),
        "spec", map(
            "replicas", replicas,
            "selector", map("matchLabels", map("app", name)),
            "template", podTemplate(map("app", name)))));
  }

  /** A pod template with the labels and one container. */
  protected static Map<String, Object> podTemplate(Map<String, Object> labels) {
    return map(
        "metadata", map("labels", labels),
        "spec", map("containers", List.of(map("name", "app", "image", "registry.k8s.io/pause:3.10"))));
  }

  /** The status of a Deployment whose replicas are all ready, for {@link Cluster#applyStatus}. */
  protected static Manifest deploymentStatus(String ns, String name, long ready) {
    return manifest(map(
        "apiVersion", "apps/v1",
        "kind", "Deployment",
        "metadata", map("name", name, "namespace", ns),
        "status", map("observedGeneration", 1L, "replicas", ready, "readyReplicas", ready)));
  }

  /**
   * Two cluster IPs for Service cases, the first to create with, the second to change to; by
   * default random addresses of 10.0.0.0/24, the service range of the test API server.
   */
  protected List<String> clusterIps() {
    int first = 100 + ThreadLocalRandom.current().nextInt(140);
    return List.of("10.0.0." + first, "10.0.0." + (first + 1 + ThreadLocalRandom.current().nextInt(10)));
  }

  private static void assertImmutable(InvalidObjectException e, String field) {
    assertThat(e).as("an InvalidObjectException for " + field).isNotNull();
    assertThat(e.isImmutableFieldChange()).as("recognised as immutable: %s", e.getMessage()).isTrue();
    assertThat(e.immutableFields()).contains(field);
    assertThat(e.causes()).anySatisfy(c -> {
      assertThat(c.field()).isEqualTo(field);
      assertThat(c.immutable()).isTrue();
    });
    assertThat(e.getMessage()).contains(field);
  }

  /** A Job that runs one container once. */
  protected static Manifest job(String ns, String name, String image, Map<String, String> labels) {
    Map<String, Object> meta = map("name", name, "namespace", ns);
    if (!labels.isEmpty()) {
      meta.put("labels", new LinkedHashMap<>(labels));
    }
    return manifest(map(
        "apiVersion", "batch/v1",
        "kind", "Job",
        "metadata", meta,
        "spec", map("template", map("spec", map(
            "restartPolicy", "Never",
            "containers", List.of(map("name", "app", "image", image)))))));
  }

  /** A StatefulSet of one container under a governing Service name. */
  protected static Manifest statefulSet(String ns, String name, String serviceName, long replicas) {
    return manifest(map(
        "apiVersion", "apps/v1",
        "kind", "StatefulSet",
        "metadata", map("name", name, "namespace", ns),
        "spec", map(
            "serviceName", serviceName,
            "replicas", replicas,
            "selector", map("matchLabels", map("app", name)),
            "template", podTemplate(map("app", name)))));
  }

  /** A claim of 1Gi in one access mode. */
  protected static Manifest claim(String ns, String name, String accessMode, Map<String, String> labels) {
    Map<String, Object> meta = map("name", name, "namespace", ns);
    if (!labels.isEmpty()) {
      meta.put("labels", new LinkedHashMap<>(labels));
    }
    return manifest(map(
        "apiVersion", "v1",
        "kind", "PersistentVolumeClaim",
        "metadata", meta,
        "spec", map(
            "accessModes", List.of(accessMode),
            "resources", map("requests", map("storage", "1Gi")))));
  }

  /** A ClusterIP Service with a fixed cluster IP and one port. */
  protected static Manifest service(String ns, String name, String clusterIp, long port) {
    return manifest(map(
        "apiVersion", "v1",
        "kind", "Service",
        "metadata", map("name", name, "namespace", ns),
        "spec", map(
            "clusterIP", clusterIp,
            "selector", map("app", name),
            "ports", List.of(map("name", "http", "port", port, "protocol", "TCP")))));
  }

  protected static Manifest configMap(String ns, String name, Map<String, String> data) {
    return configMap(ns, name, data, Map.of());
  }

  protected static Manifest configMap(String ns, String name, Map<String, String> data, Map<String, String> labels) {
    Map<String, Object> meta = map("name", name, "namespace", ns);
    if (!labels.isEmpty()) {
      meta.put("labels", new LinkedHashMap<>(labels));
    }
    Map<String, Object> cm = map("apiVersion", "v1", "kind", "ConfigMap", "metadata", meta);
    if (!data.isEmpty()) {
      cm.put("data", new LinkedHashMap<>(data));
    }
    return manifest(cm);
  }

  protected static Manifest widget(String group, String ns, String name, Map<String, Object> spec) {
    return manifest(map(
        "apiVersion", group + "/v1",
        "kind", "Widget",
        "metadata", map("name", name, "namespace", ns),
        "spec", spec));
  }

  protected static Manifest manifest(Map<String, ?> object) {
    return Manifest.of(object, SourceLocation.unknown());
  }

  /** An insertion-ordered mutable map from key, value pairs. */
  protected static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  protected static Map<String, Object> meta(Map<String, Object> object) {
    return (Map<String, Object>) object.get("metadata");
  }

  /** A short random lowercase suffix for names of this run. */
  protected static String suffix() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder("c");
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static List<String> names(List<LiveObject> objects) {
    return objects.stream().map(o -> o.key().name()).toList();
  }

  private static List<Object> times(LiveObject live) {
    List<Object> out = new ArrayList<>();
    if (live.get("metadata", "managedFields").orElse(List.of()) instanceof List<?> l) {
      l.forEach(e -> out.add(e instanceof Map<?, ?> m ? m.get("time") : null));
    }
    return out;
  }

  private static boolean established(LiveObject crd) {
    if (crd.get("status", "conditions").orElse(List.of()) instanceof List<?> conditions) {
      return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m
          && "Established".equals(m.get("type")) && "True".equals(m.get("status")));
    }
    return false;
  }

  private WatchEvent next(BlockingQueue<WatchEvent> events, String name) throws InterruptedException {
    Predicate<WatchEvent> ours = e -> e.object().key().name().equals(name);
    long deadline = System.nanoTime() + timeout().toNanos();
    while (System.nanoTime() < deadline) {
      WatchEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && ours.test(e)) {
        return e;
      }
    }
    return fail("timed out after " + timeout() + " waiting for a watch event of " + name + " in " + caseName);
  }
}
