package dev.gitops.cluster;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * The cluster SPI: what the engine needs of a Kubernetes API server, without any client library's
 * types. Implementations: the in-memory cluster in this module (the embedded default, also for
 * users' tests) and the fabric8 backend in {@code gitops-k8s}. Both pass one conformance suite.
 *
 * <p>Errors are {@link ClusterException} subtypes: {@link ObjectNotFoundException}, {@link
 * ApplyConflictException}, {@link ForbiddenException}, {@link InvalidObjectException}, {@link
 * UnknownResourceTypeException} and {@link ClusterUnavailableException}.
 */
public interface Cluster extends AutoCloseable {

  /** A short name for errors and reports, for example the kubeconfig context. */
  String name();

  /**
   * The resource type serving a group and kind. Kinds defined by a CustomResourceDefinition appear
   * once the definition is established.
   */
  Optional<ResourceType> resourceType(String group, String kind);

  /** Every resource type the cluster serves now. */
  List<ResourceType> resourceTypes();

  /**
   * The object, if it exists.
   *
   * @throws UnknownResourceTypeException if the cluster does not serve its kind
   */
  Optional<LiveObject> get(ObjectKey key);

  /**
   * Objects of one kind, optionally in one namespace and matching a label selector.
   *
   * @throws IllegalArgumentException if the label selector is malformed
   * @throws UnknownResourceTypeException if the cluster does not serve the kind
   */
  List<LiveObject> list(ListRequest request);

  /**
   * Server-side apply of a desired object under a field manager.
   *
   * @return the object as stored after the apply (or as it would be, for a dry run)
   * @throws ApplyConflictException if fields owned by another manager would change and force is off
   * @throws InvalidObjectException if the object is invalid; names the fields
   * @throws ObjectNotFoundException if its namespace does not exist; the message names it
   * @throws ForbiddenException if refused, for example new objects in a namespace being deleted
   * @throws UnknownResourceTypeException if the cluster does not serve its kind and version
   */
  LiveObject apply(Manifest desired, ApplyOptions options);

  /**
   * Server-side apply to the object's {@code status} subresource, as controllers report what they
   * observe. Only {@code status} of {@code desired} counts (its apiVersion, kind, name and
   * namespace say which object); spec and metadata stay as stored and metadata.generation does not
   * change. The manager's managedFields entry carries subresource {@code status}. Conflicts, force
   * and dry run work as for {@link #apply}, and watches see the change as MODIFIED.
   *
   * @return the whole object as stored after the write (or as it would be, for a dry run)
   * @throws ObjectNotFoundException if the object does not exist, or its kind has no status
   *     subresource (a real server has no such endpoint and answers 404)
   * @throws ApplyConflictException if status fields owned by another manager would change and
   *     force is off
   * @throws InvalidObjectException if the status is invalid; names the fields
   * @throws UnknownResourceTypeException if the cluster does not serve its kind and version
   */
  LiveObject applyStatus(Manifest desired, ApplyOptions options);

  /**
   * Deletes an object. With finalizers present the object stays, marked for deletion, until they
   * are removed.
   *
   * @return {@link DeleteResult#NOT_FOUND} when there is no such object
   * @throws UnknownResourceTypeException if the cluster does not serve its kind
   */
  DeleteResult delete(ObjectKey key, DeleteOptions options);

  /**
   * Streams changes of one kind to a listener until the returned watch is closed. Like a Kubernetes
   * watch started without a resourceVersion, it begins with an ADDED event for each matching object
   * that exists when it starts, then reports every change. Events are delivered in order, on a
   * thread of the implementation's choosing.
   *
   * @throws UnknownResourceTypeException if the cluster does not serve the kind
   */
  Watch watch(WatchRequest request, WatchListener listener);

  /** List merge keys and patch strategies per field, for the differ and the patcher. */
  SchemaTable schema();

  /**
   * Releases what the backend holds (connections, threads). The in-memory cluster holds nothing;
   * the fabric8 backend must be closed. Closing twice does nothing.
   */
  @Override
  default void close() {}
}
