package dev.gitops.cluster;

import dev.gitops.cluster.DeleteOptions.Propagation;
import dev.gitops.model.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletion as the API server and its controllers carry it out, done synchronously: finalizers
 * keep an object (marked with deletionTimestamp) until they are removed; background deletion
 * cascades to dependents whose owners are all gone; foreground deletion holds the owner with the
 * {@code foregroundDeletion} finalizer until its dependents are gone; orphan deletion drops the
 * owner references of dependents; namespaces and CustomResourceDefinitions stay until their
 * content is gone. Package-private.
 */
final class GarbageCollector {
  private final ClusterState state;

  GarbageCollector(ClusterState state) {
    this.state = state;
  }

  DeleteResult delete(ObjectKey key, DeleteOptions options) {
    state.catalog.find(key.group(), key.kind())
        .orElseThrow(() -> new UnknownResourceTypeException(state.name, key.group(), key.kind()));
    Optional<LiveObject> live = state.get(key);
    if (live.isEmpty()) {
      return DeleteResult.NOT_FOUND;
    }
    if (options.dryRun()) {
      return wouldWait(live.get(), options.propagation()) ? DeleteResult.PENDING_FINALIZERS : DeleteResult.DELETED;
    }
    delete(live.get(), options.propagation());
    settle();
    return state.get(key).isPresent() ? DeleteResult.PENDING_FINALIZERS : DeleteResult.DELETED;
  }

  /** Erases a deleting object once nothing holds it any more. */
  void finishIfDone(LiveObject object) {
    Optional<LiveObject> current = state.get(object.key());
    if (current.isPresent() && current.get().deletionTimestamp().isPresent()
        && current.get().finalizers().isEmpty() && content(current.get()).isEmpty()) {
      state.erase(current.get());
    }
  }

  /** Handles the consequences of erased objects until there are none left. */
  void settle() {
    LiveObject gone;
    while ((gone = state.pollErased()) != null) {
      ObjectKey key = gone.key();
      if (CustomResourceDefinitions.isDefinition(key.group(), key.kind())) {
        CustomResourceDefinitions.erased(state, gone);
      }
      for (LiveObject dependent : state.dependentsOf(gone.uid())) {
        collectDependent(dependent, gone.uid());
      }
      for (String ownerUid : Owners.uids(gone)) {
        state.byUid(ownerUid).ifPresent(this::releaseForegroundOwner);
      }
      if (key.isNamespaced()) {
        state.get(new ObjectKey("", "Namespace", "", key.namespace())).ifPresent(this::finishIfDone);
      }
      state.catalog.find(key.group(), key.kind()).filter(KindInfo::custom).ifPresent(k -> state.get(
          new ObjectKey(CustomResourceDefinitions.GROUP, CustomResourceDefinitions.KIND, "", k.crdName()))
          .ifPresent(this::finishIfDone));
    }
  }

  private void delete(LiveObject object, Propagation propagation) {
    if (object.deletionTimestamp().isPresent()) {
      return; // already being deleted; the first request's propagation holds
    }
    String uid = object.uid();
    if (propagation == Propagation.ORPHAN) {
      for (LiveObject dependent : state.dependentsOf(uid)) {
        state.update(dependent, m -> Owners.drop(m, uid), null);
      }
    }
    List<LiveObject> dependents = propagation == Propagation.FOREGROUND ? state.dependentsOf(uid) : List.of();
    List<LiveObject> content = content(object);
    if (object.finalizers().isEmpty() && dependents.isEmpty() && content.isEmpty()) {
      state.erase(object);
      return;
    }
    String now = state.now();
    LiveObject marked = state.update(object, m -> {
      var meta = Trees.child(m, "metadata");
      meta.put("deletionTimestamp", now);
      meta.put("deletionGracePeriodSeconds", 0L);
      if (!dependents.isEmpty()) {
        List<Object> finalizers = new ArrayList<>(Trees.strings(meta.get("finalizers")));
        finalizers.add(Owners.FOREGROUND_FINALIZER);
        meta.put("finalizers", finalizers);
      }
      if (isNamespace(object.key())) {
        Trees.child(m, "status").put("phase", "Terminating");
      }
    }, null);
    for (LiveObject dependent : dependents) {
      delete(dependent, Propagation.BACKGROUND);
    }
    for (LiveObject item : content) {
      delete(item, Propagation.BACKGROUND);
    }
    finishIfDone(marked);
  }

  /** A dependent of an erased owner: deleted when no owner is left, else the dangling reference goes. */
  private void collectDependent(LiveObject dependent, String goneUid) {
    boolean ownerLeft = Owners.uids(dependent).stream()
        .anyMatch(u -> !u.equals(goneUid) && state.byUid(u).isPresent());
    if (ownerLeft) {
      state.update(dependent, m -> Owners.drop(m, goneUid), null);
    } else {
      delete(dependent, Propagation.BACKGROUND);
    }
  }

  private void releaseForegroundOwner(LiveObject owner) {
    if (owner.deletionTimestamp().isPresent() && owner.finalizers().contains(Owners.FOREGROUND_FINALIZER)
        && state.dependentsOf(owner.uid()).isEmpty()) {
      finishIfDone(state.update(owner, m -> Owners.dropFinalizer(m, Owners.FOREGROUND_FINALIZER), null));
    }
  }

  /** What a delete would leave waiting: finalizers here, or on dependents or content it deletes. */
  private boolean wouldWait(LiveObject object, Propagation propagation) {
    if (object.deletionTimestamp().isPresent() || !object.finalizers().isEmpty()) {
      return true;
    }
    List<LiveObject> held = new ArrayList<>(content(object));
    if (propagation == Propagation.FOREGROUND) {
      held.addAll(state.dependentsOf(object.uid()));
    }
    for (LiveObject o : held) {
      if (wouldWait(o, Propagation.BACKGROUND)) {
        return true;
      }
    }
    return false;
  }

  /** The objects a namespace or CustomResourceDefinition holds. */
  private List<LiveObject> content(LiveObject object) {
    ObjectKey key = object.key();
    if (isNamespace(key)) {
      return state.inNamespace(key.name());
    }
    if (CustomResourceDefinitions.isDefinition(key.group(), key.kind())) {
      String group = Trees.stringAt(object.object(), "spec", "group");
      String kind = Trees.stringAt(object.object(), "spec", "names", "kind");
      Optional<KindInfo> served = state.catalog.find(group, kind);
      if (served.isPresent() && served.get().crdName().equals(key.name())) {
        return state.list(group, kind, "");
      }
    }
    return List.of();
  }

  private static boolean isNamespace(ObjectKey key) {
    return key.group().isEmpty() && key.kind().equals("Namespace");
  }
}
