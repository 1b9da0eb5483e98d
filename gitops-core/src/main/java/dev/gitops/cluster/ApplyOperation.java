package dev.gitops.cluster;

import dev.gitops.cluster.InvalidObjectException.FieldCause;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side apply on the in-memory cluster: resolves the kind, drops what apply may not set,
 * validates, checks the namespace, merges through the {@link FieldManager}, fills in custom
 * resources' schema defaults and the server-managed fields, and stores the result unless nothing
 * changed. Package-private.
 */
final class ApplyOperation {
  static final String API_SERVER = "kube-apiserver";
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  static final String STATUS = "status";
  /** metadata fields the server owns; an applied configuration's values are ignored. */
  private static final List<String> SERVER_METADATA = List.of(
      "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp",
      "deletionGracePeriodSeconds", "selfLink");

  private final ClusterState state;
  private final GarbageCollector collector;

  ApplyOperation(ClusterState state, GarbageCollector collector) {
    this.state = state;
    this.collector = collector;
  }

  LiveObject apply(Manifest desired, ApplyOptions options) {
    ObjectKey key = desired.key();
    String version = versionOf(desired.apiVersion());
    KindInfo kind = state.catalog.find(key.group(), key.kind())
        .orElseThrow(() -> new UnknownResourceTypeException(state.name, key.group(), key.kind()));
    if (!kind.serves(version)) {
      throw new UnknownResourceTypeException(state.name, key.group(), version, key.kind());
    }
    Map<String, Object> config = desired.toMutableMap();
    ObjectSizes.check(state.name, key, config, ObjectTooLargeException.REQUEST_LIMIT_BYTES, "request");
    Map<String, Object> configMeta = Trees.child(config, "metadata");
    SERVER_METADATA.forEach(configMeta::remove);
    if (kind.hasStatus(version) || !kind.custom()) {
      config.remove("status"); // the status subresource owns it, as on a real server
    }
    List<FieldCause> causes = new ArrayList<>(ObjectValidator.validate(kind, key, config));
    throwIfInvalid(key, causes);
    if (kind.namespaced()) {
      requireNamespace(key);
    }
    Optional<LiveObject> live = state.get(key);
    Map<String, Object> liveMap = live.map(LiveObject::object).orElse(null);
    boolean definition = CustomResourceDefinitions.isDefinition(key.group(), key.kind());
    if (definition) {
      causes.addAll(CustomResourceDefinitions.validate(key.name(), config, liveMap, state.catalog));
      throwIfInvalid(key, causes);
    }
    if (kind.custom() && live.isEmpty()) {
      requireDefinitionActive(key, kind);
    }

    Map<String, Object> next;
    try {
      next = state.fieldManager.apply(key, liveMap, config, options.fieldManager(), options.force(),
          desired.apiVersion(), state.now(), "");
    } catch (InvalidFieldException e) {
      throw invalid(key, List.of(e.cause()));
    }
    // After the merge, as the API server's field manager defaults: the applier owns only what it sent.
    if (kind.custom()) {
      SchemaDefaulter.fill(state.schema, key.group(), key.kind(), next, null);
    } else {
      BuiltInDefaults.toStoredForm(key.group(), key.kind(), next);
    }
    next.put("apiVersion", kind.type().apiVersion());
    Map<String, Object> meta = Trees.child(next, "metadata");
    if (live.isEmpty()) {
      meta.put("uid", UUID.randomUUID().toString());
      meta.put("creationTimestamp", state.now());
      if (kind.tracksGeneration()) {
        meta.put("generation", 1L);
      }
    } else {
      checkNoNewFinalizers(key, live.get(), next);
      throwIfInvalid(key, ImmutableFields.check(key, liveMap, next));
    }
    next = serverSide(key, kind, next, liveMap);
    throwIfInvalid(key, ObjectSizes.dataCauses(key, next));
    ObjectSizes.check(state.name, key, next, ObjectTooLargeException.STORAGE_LIMIT_BYTES, "stored object");

    if (live.isPresent()) {
      if (withoutApplierTime(next, options.fieldManager()).equals(withoutApplierTime(liveMap, options.fieldManager()))) {
        return live.get(); // nothing changed: no write, same resourceVersion and managedFields times
      }
      if (kind.tracksGeneration() && !Trees.without(liveMap, "metadata", "status")
          .equals(Trees.without(next, "metadata", "status"))) {
        meta = Trees.child(next, "metadata");
        meta.put("generation", live.get().generation() + 1);
      }
    }
    if (options.dryRun()) {
      return LiveObject.of(next);
    }
    LiveObject stored = state.store(next);
    if (definition) {
      CustomResourceDefinitions.stored(state, stored);
    }
    if (stored.deletionTimestamp().isPresent()) {
      collector.finishIfDone(stored);
    }
    return stored;
  }

  /**
   * Server-side apply to the status subresource. As the API server's status strategies do, only
   * {@code status} of the configuration counts: spec and metadata stay as stored, generation does
   * not move, and the manager's entry is recorded with subresource {@code status}.
   */
  LiveObject applyStatus(Manifest desired, ApplyOptions options) {
    ObjectKey key = desired.key();
    String version = versionOf(desired.apiVersion());
    KindInfo kind = state.catalog.find(key.group(), key.kind())
        .orElseThrow(() -> new UnknownResourceTypeException(state.name, key.group(), key.kind()));
    if (!kind.serves(version)) {
      throw new UnknownResourceTypeException(state.name, key.group(), version, key.kind());
    }
    if (!kind.hasStatus(version)) {
      // A real server has no route for it and answers 404 Not Found.
      throw new ObjectNotFoundException(key, state.name + ": " + key + ": " + key.kind() + " of "
          + desired.apiVersion() + " has no status subresource");
    }
    LiveObject live = state.get(key).orElseThrow(() -> new ObjectNotFoundException(key,
        state.name + ": " + key + " not found, so its status cannot be applied"));

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", desired.apiVersion());
    config.put("kind", key.kind());
    Map<String, Object> configMeta = Trees.child(config, "metadata");
    configMeta.put("name", key.name());
    if (!key.namespace().isEmpty()) {
      configMeta.put("namespace", key.namespace());
    }
    if (desired.object().get("status") != null) {
      config.put("status", Trees.copy(desired.object().get("status")));
    }
    Map<String, Object> merged;
    try {
      merged = state.fieldManager.apply(key, live.object(), config, options.fieldManager(), options.force(),
          desired.apiVersion(), state.now(), STATUS);
    } catch (InvalidFieldException e) {
      throw invalid(key, List.of(e.cause()));
    }
    Map<String, Object> next = live.toMutableMap();
    if (merged.get("status") != null) {
      next.put("status", merged.get("status"));
    } else {
      next.remove("status");
    }
    Object managed = Trees.mapAt(merged, "metadata").get("managedFields");
    if (managed == null) {
      Trees.child(next, "metadata").remove("managedFields");
    } else {
      Trees.child(next, "metadata").put("managedFields", managed);
    }
    if (kind.custom()) {
      SchemaDefaulter.fill(state.schema, key.group(), key.kind(), next, null);
    }
    if (withoutApplierTime(next, options.fieldManager()).equals(withoutApplierTime(live.object(), options.fieldManager()))) {
      return live; // nothing changed: no write, as for apply
    }
    ObjectSizes.check(state.name, key, next, ObjectTooLargeException.STORAGE_LIMIT_BYTES, "stored object");
    return options.dryRun() ? LiveObject.of(next) : state.store(next);
  }

  /** Creates a namespace the way the API server bootstraps its own (default, kube-system, ...). */
  void createNamespace(String name) {
    ObjectKey key = new ObjectKey("", "Namespace", "", name);
    Map<String, Object> ns = new LinkedHashMap<>();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    Map<String, Object> meta = Trees.child(ns, "metadata");
    meta.put("name", name);
    Trees.child(meta, "labels").put(NAMESPACE_NAME_LABEL, name);
    ns = state.fieldManager.update(key, null, ns, new FieldManager.Actor(API_SERVER, "v1", ""), state.now());
    meta = Trees.child(ns, "metadata");
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", state.now());
    Trees.child(ns, "status").put("phase", "Active");
    state.store(ns);
  }

  /** What the API server adds on its own for some kinds. */
  private Map<String, Object> serverSide(ObjectKey key, KindInfo kind, Map<String, Object> next,
      Map<String, Object> liveMap) {
    boolean created = liveMap == null;
    if (!kind.custom()) {
      state.strategies.apply(key.group(), key.kind(), next, liveMap);
    }
    if (key.group().isEmpty() && key.kind().equals("Namespace")) {
      Trees.child(Trees.child(next, "metadata"), "labels").put(NAMESPACE_NAME_LABEL, key.name());
      if (created) {
        Trees.child(next, "status").put("phase", "Active");
      }
      return next;
    }
    if (CustomResourceDefinitions.isDefinition(key.group(), key.kind())) {
      Map<String, Object> before = Trees.copyMap(next);
      next.put("status", CustomResourceDefinitions.status(next, Trees.mapAt(next, "status"), state.now()));
      return state.fieldManager.update(key, before, next,
          new FieldManager.Actor(API_SERVER, CustomResourceDefinitions.GROUP + "/v1", "status"), state.now());
    }
    return next;
  }

  private void requireNamespace(ObjectKey key) {
    LiveObject ns = state.get(new ObjectKey("", "Namespace", "", key.namespace()))
        .orElseThrow(() -> new ObjectNotFoundException(key,
            state.name + ": namespace \"" + key.namespace() + "\" not found, so " + key + " cannot be applied"));
    if (ns.deletionTimestamp().isPresent() && state.get(key).isEmpty()) {
      throw new ForbiddenException(state.name + ": unable to create " + key + " in namespace \""
          + key.namespace() + "\" because it is being terminated", null);
    }
  }

  private void requireDefinitionActive(ObjectKey key, KindInfo kind) {
    Optional<LiveObject> crd = state.get(
        new ObjectKey(CustomResourceDefinitions.GROUP, CustomResourceDefinitions.KIND, "", kind.crdName()));
    if (crd.isPresent() && crd.get().deletionTimestamp().isPresent()) {
      throw new ForbiddenException(state.name + ": cannot create " + key
          + ": its CustomResourceDefinition " + kind.crdName() + " is being deleted", null);
    }
  }

  private void checkNoNewFinalizers(ObjectKey key, LiveObject live, Map<String, Object> next) {
    if (live.deletionTimestamp().isEmpty()) {
      return;
    }
    List<String> added = new ArrayList<>(Trees.strings(Trees.mapAt(next, "metadata").get("finalizers")));
    added.removeAll(live.finalizers());
    if (!added.isEmpty()) {
      throw invalid(key, List.of(new FieldCause("metadata.finalizers",
          "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers "
              + added)));
    }
  }

  private void throwIfInvalid(ObjectKey key, List<FieldCause> causes) {
    if (!causes.isEmpty()) {
      throw invalid(key, causes);
    }
  }

  private InvalidObjectException invalid(ObjectKey key, List<FieldCause> causes) {
    StringBuilder msg = new StringBuilder(state.name).append(": ").append(key).append(" is invalid: ");
    for (int i = 0; i < causes.size(); i++) {
      msg.append(i == 0 ? "" : ", ").append(causes.get(i).field()).append(": ").append(causes.get(i).reason());
    }
    return new InvalidObjectException(key, msg.toString(), causes);
  }

  /** A copy without the time of the manager's Apply entry, to compare objects as Kubernetes does. */
  private static Map<String, Object> withoutApplierTime(Map<String, ?> object, String manager) {
    Map<String, Object> copy = Trees.copyMap(object);
    if (Trees.mapAt(copy, "metadata").get("managedFields") instanceof List<?> entries) {
      for (Object o : entries) {
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) o;
        if (manager.equals(e.get("manager")) && ManagerEntry.APPLY.equals(e.get("operation"))) {
          e.remove("time");
        }
      }
    }
    return copy;
  }

  static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }
}
