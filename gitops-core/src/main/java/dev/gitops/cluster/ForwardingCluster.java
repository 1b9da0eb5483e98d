package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * A cluster that forwards every call to another: extend it and override the calls to watch or
 * change (counting reads, reporting progress, injecting faults in tests). {@link #close()} closes
 * the delegate too; override it where the delegate outlives the wrapper.
 */
public abstract class ForwardingCluster implements Cluster {
  private final Cluster delegate;

  /** @param delegate the cluster calls are forwarded to */
  protected ForwardingCluster(Cluster delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /** The cluster calls are forwarded to. */
  protected Cluster delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Optional<ResourceType> resourceType(String group, String kind) {
    return delegate.resourceType(group, kind);
  }

  @Override
  public List<ResourceType> resourceTypes() {
    return delegate.resourceTypes();
  }

  @Override
  public Optional<LiveObject> get(ObjectKey key) {
    return delegate.get(key);
  }

  @Override
  public List<LiveObject> list(ListRequest request) {
    return delegate.list(request);
  }

  @Override
  public LiveObject apply(Manifest desired, ApplyOptions options) {
    return delegate.apply(desired, options);
  }

  @Override
  public LiveObject applyStatus(Manifest desired, ApplyOptions options) {
    return delegate.applyStatus(desired, options);
  }

  @Override
  public DeleteResult delete(ObjectKey key, DeleteOptions options) {
    return delegate.delete(key, options);
  }

  @Override
  public Watch watch(WatchRequest request, WatchListener listener) {
    return delegate.watch(request, listener);
  }

  @Override
  public SchemaTable schema() {
    return delegate.schema();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
