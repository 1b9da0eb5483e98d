package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A Kubernetes API server in memory: the SDK's embedded default cluster, and a fast, faithful
 * stand-in for a real cluster in tests.
 *
 * <p>It serves the common built-in kinds and the kinds of CustomResourceDefinitions applied to it,
 * and implements server-side apply as Kubernetes does: managedFields per manager in FieldsV1 form,
 * conflicts between managers (and force), removal of fields a manager stops applying, lists merged
 * by their keys, resourceVersion, generation and uid; status writes through the status subresource
 * ({@link #applyStatus}); and the refusal of changes to built-in kinds' immutable fields (a Job's
 * template, a Deployment's selector, ...) with the API server's causes. Custom resources get their schema's
 * defaults ({@link SchemaDefaulter}) on every write, owned by no manager. Deletion honours finalizers and propagation
 * (owner references are garbage collected), namespaces take their objects with them, label
 * selectors are parsed strictly, and watches deliver events in order on a thread per watch. What it
 * does differently from a real API server (no admission webhooks, no defaulting of built-in types,
 * no schema validation of built-in types, ...) is listed in {@code docs/in-memory-cluster.md}.
 *
 * <pre>{@code
 * InMemoryCluster cluster = InMemoryCluster.create();
 * LiveObject cm = cluster.apply(manifest, ApplyOptions.defaults());
 * }</pre>
 *
 * <p>Thread-safe: reads share a lock, writes take it exclusively, so every write is atomic and
 * numbered in one order that all watches see.
 */
public final class InMemoryCluster implements Cluster {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ClusterState state;
  private final GarbageCollector collector;
  private final ApplyOperation applier;

  private InMemoryCluster(Builder b) {
    this.state = new ClusterState(b.name, b.clock, b.schema);
    this.collector = new GarbageCollector(state);
    this.applier = new ApplyOperation(state, collector);
    for (String ns : b.namespaces) {
      applier.createNamespace(ns);
    }
  }

  /** A cluster named {@code in-memory} with the namespaces default, kube-system, kube-public and kube-node-lease. */
  public static InMemoryCluster create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return state.name;
  }

  @Override
  public Optional<ResourceType> resourceType(String group, String kind) {
    return read(() -> state.catalog.find(group, kind).map(KindInfo::type));
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return read(state.catalog::types);
  }

  /** @throws UnknownResourceTypeException if the kind is not served */
  @Override
  public Optional<LiveObject> get(ObjectKey key) {
    requireNonNull(key, "key");
    return read(() -> {
      requireKind(key.group(), key.kind());
      return state.get(key);
    });
  }

  /**
   * @throws IllegalArgumentException if the label selector is malformed, or a namespace is given
   *     for a cluster-scoped kind
   * @throws UnknownResourceTypeException if the kind is not served
   */
  @Override
  public List<LiveObject> list(ListRequest request) {
    requireNonNull(request, "request");
    LabelSelector selector = LabelSelector.parse(request.labelSelector());
    return read(() -> {
      KindInfo kind = requireKind(request.group(), request.kind());
      requireScope(kind, request.namespace());
      List<LiveObject> out = new ArrayList<>();
      boolean all = request.labelSelector().isBlank();
      for (LiveObject o : state.list(request.group(), request.kind(), request.namespace())) {
        if (all || selector.matches(LabelSelector.labelsOf(o))) {
          out.add(o);
        }
      }
      return List.copyOf(out);
    });
  }

  @Override
  public LiveObject apply(Manifest desired, ApplyOptions options) {
    requireNonNull(desired, "desired");
    requireNonNull(options, "options");
    Lock w = lock.writeLock();
    w.lock();
    try {
      LiveObject result = applier.apply(desired, options);
      collector.settle();
      return result;
    } finally {
      w.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only {@code status} of the configuration is written; spec, metadata and generation stay.
   */
  @Override
  public LiveObject applyStatus(Manifest desired, ApplyOptions options) {
    requireNonNull(desired, "desired");
    requireNonNull(options, "options");
    Lock w = lock.writeLock();
    w.lock();
    try {
      return applier.applyStatus(desired, options);
    } finally {
      w.unlock();
    }
  }

  /** @throws UnknownResourceTypeException if the kind is not served */
  @Override
  public DeleteResult delete(ObjectKey key, DeleteOptions options) {
    requireNonNull(key, "key");
    requireNonNull(options, "options");
    Lock w = lock.writeLock();
    w.lock();
    try {
      return collector.delete(key, options);
    } finally {
      w.unlock();
    }
  }

  /**
   * Opens a watch. It first delivers an ADDED event for each matching object that exists now (as a
   * Kubernetes watch without a resourceVersion does), then every change in commit order, on a
   * daemon thread of its own until closed. A watch of a custom kind ends with
   * {@link WatchListener#onClose} when the kind's CustomResourceDefinition is deleted.
   *
   * @throws IllegalArgumentException if a namespace is given for a cluster-scoped kind
   * @throws UnknownResourceTypeException if the kind is not served
   */
  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    requireNonNull(request, "request");
    requireNonNull(listener, "listener");
    Lock w = lock.writeLock();
    w.lock();
    try {
      KindInfo kind = requireKind(request.group(), request.kind());
      requireScope(kind, request.namespace());
      return state.watches.open(request, listener, state.list(request.group(), request.kind(), request.namespace()));
    } finally {
      w.unlock();
    }
  }

  /** The built-in table (or the builder's), plus the facts of each served custom kind's schema. */
  @Override
  public SchemaTable schema() {
    return state.schema;
  }

  @Override
  public String toString() {
    return "InMemoryCluster[" + state.name + "]";
  }

  private KindInfo requireKind(String group, String kind) {
    return state.catalog.find(group, kind)
        .orElseThrow(() -> new UnknownResourceTypeException(state.name, group, kind));
  }

  private void requireScope(KindInfo kind, String namespace) {
    if (!kind.namespaced() && !namespace.isEmpty()) {
      throw new IllegalArgumentException(state.name + ": " + kind.kind()
          + " is cluster-scoped; ask without namespace \"" + namespace + "\"");
    }
  }

  private <T> T read(Supplier<T> body) {
    Lock r = lock.readLock();
    r.lock();
    try {
      return body.get();
    } finally {
      r.unlock();
    }
  }

  /** Configures an {@link InMemoryCluster}. */
  public static final class Builder {
    private String name = "in-memory";
    private Clock clock = Clock.systemUTC();
    private SchemaTable schema = SchemaTable.builtIn();
    private List<String> namespaces = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private Builder() {}

    /** The name errors and reports use; {@code in-memory} by default. */
    public Builder name(String value) {
      requireNonNull(value, "name");
      if (value.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = value;
      return this;
    }

    /** The clock of creation, deletion and managedFields timestamps; the system UTC clock by default. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /**
     * The merge facts of built-in kinds, for example {@link SchemaTable#fromOpenApiV3} of a real
     * server's documents; {@link SchemaTable#builtIn()} by default. Custom kinds always use their
     * CustomResourceDefinition's schema.
     */
    public Builder schema(SchemaTable value) {
      this.schema = requireNonNull(value, "schema");
      return this;
    }

    /** The namespaces that exist from the start; replaces the default four. */
    public Builder namespaces(String... names) {
      this.namespaces = List.of(names);
      return this;
    }

    public InMemoryCluster build() {
      return new InMemoryCluster(this);
    }
  }
}
