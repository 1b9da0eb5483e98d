package dev.gitops.cli;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.DeleteOptions;
import dev.gitops.cluster.DeleteResult;
import dev.gitops.cluster.ListRequest;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.ResourceType;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.cluster.Watch;
import dev.gitops.cluster.WatchListener;
import dev.gitops.cluster.WatchRequest;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Optional;

/** A cluster that hands every call to another; subclasses watch or change some of them. */
abstract class ForwardingCluster implements Cluster {
  private final Cluster delegate;

  ForwardingCluster(Cluster delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
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
