package dev.gitops.cluster;

import dev.gitops.model.ObjectKey;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The stored objects of the in-memory cluster, its resourceVersion counter and the services the
 * operations share. Every write goes through {@link #store} or {@link #erase}, which number it and
 * publish the watch event. Not thread-safe: {@link InMemoryCluster} holds its lock around every
 * use. Package-private.
 */
final class ClusterState {
  final String name;
  final Clock clock;
  final ResourceCatalog catalog;
  final ClusterSchema schema;
  final FieldManager fieldManager;
  final WatchHub watches;
  final ServerStrategies strategies = new ServerStrategies();
  private final TreeMap<ObjectKey, LiveObject> objects = new TreeMap<>();
  private final Deque<LiveObject> erased = new ArrayDeque<>();
  private long revision;

  ClusterState(String name, Clock clock, SchemaTable builtInSchema) {
    this.name = name;
    this.clock = clock;
    this.catalog = ResourceCatalog.builtIn();
    this.schema = new ClusterSchema(builtInSchema);
    this.fieldManager = new FieldManager(name, schema);
    this.watches = new WatchHub(name);
  }

  /** Now, as Kubernetes writes timestamps (RFC 3339, whole seconds, UTC). */
  String now() {
    return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  Optional<LiveObject> get(ObjectKey key) {
    return Optional.ofNullable(objects.get(key));
  }

  /** Objects of a kind in key order; namespace empty for all. */
  List<LiveObject> list(String group, String kind, String namespace) {
    List<LiveObject> out = new ArrayList<>();
    ObjectKey from = new ObjectKey(group, kind, namespace, "\0");
    for (LiveObject o : objects.tailMap(from, true).values()) {
      ObjectKey k = o.key();
      if (!k.group().equals(group) || !k.kind().equals(kind)
          || (!namespace.isEmpty() && !k.namespace().equals(namespace))) {
        break;
      }
      out.add(o);
    }
    return out;
  }

  /** Every object in a namespace, of any kind. */
  List<LiveObject> inNamespace(String namespace) {
    List<LiveObject> out = new ArrayList<>();
    objects.values().forEach(o -> {
      if (o.key().namespace().equals(namespace)) {
        out.add(o);
      }
    });
    return out;
  }

  /** Objects with an owner reference to a uid. */
  List<LiveObject> dependentsOf(String uid) {
    List<LiveObject> out = new ArrayList<>();
    for (LiveObject o : objects.values()) {
      if (Owners.uids(o).contains(uid)) {
        out.add(o);
      }
    }
    return out;
  }

  Optional<LiveObject> byUid(String uid) {
    return objects.values().stream().filter(o -> o.uid().equals(uid)).findFirst();
  }

  /** Stores a new state with the next resourceVersion and publishes ADDED or MODIFIED. */
  LiveObject store(Map<String, Object> object) {
    Trees.child(object, "metadata").put("resourceVersion", nextResourceVersion());
    LiveObject stored = LiveObject.of(object);
    LiveObject before = objects.put(stored.key(), stored);
    watches.publish(before == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, stored);
    return stored;
  }

  /**
   * Changes a stored object outside apply (garbage collection, deletion marks). The managed
   * fields follow the change; nothing is written when nothing changed.
   *
   * @param actor the managedFields entry to credit, or null for writes Kubernetes does not record
   */
  LiveObject update(LiveObject live, Consumer<Map<String, Object>> change, FieldManager.Actor actor) {
    Map<String, Object> next = live.toMutableMap();
    change.accept(next);
    next = fieldManager.update(live.key(), live.object(), next, actor, now());
    return LiveObject.of(next).equals(live) ? live : store(next);
  }

  /**
   * Fills a custom kind's schema defaults into its stored objects, in place: a real server defaults
   * objects as it reads them from storage, so defaults a definition gains show on existing objects
   * without a write (same resourceVersion, no watch event).
   */
  void fillDefaults(String group, String kind) {
    for (LiveObject o : list(group, kind, "")) {
      Map<String, Object> tree = o.toMutableMap();
      SchemaDefaulter.fill(schema, group, kind, tree, null);
      LiveObject filled = LiveObject.of(tree);
      if (!filled.equals(o)) {
        objects.put(o.key(), filled);
      }
    }
  }

  /** Removes an object, publishes DELETED with a new resourceVersion, and queues it for {@link #pollErased}. */
  void erase(LiveObject object) {
    objects.remove(object.key());
    Map<String, Object> last = object.toMutableMap();
    Trees.child(last, "metadata").put("resourceVersion", nextResourceVersion());
    LiveObject gone = LiveObject.of(last);
    watches.publish(WatchEvent.Type.DELETED, gone);
    erased.add(gone);
  }

  /** The next erased object whose consequences (dependents, waiting owners) are still to handle. */
  LiveObject pollErased() {
    return erased.poll();
  }

  private String nextResourceVersion() {
    return Long.toString(++revision);
  }
}
