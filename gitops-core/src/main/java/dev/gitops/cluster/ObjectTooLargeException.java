package dev.gitops.cluster;

import dev.gitops.model.ObjectKey;
import org.jspecify.annotations.Nullable;

/**
 * The cluster refused an object for its size: the request is larger than the API server accepts
 * (3 MiB by default, HTTP 413), or the object is larger than its storage accepts (etcd's request
 * limit, 1.5 MiB by default). Retrying cannot help; the object must become smaller (for example
 * by moving data out of a ConfigMap, or by splitting it).
 */
public final class ObjectTooLargeException extends ClusterException {
  private static final long serialVersionUID = 1L;
  /** The API server's default request body limit (3 MiB). */
  public static final long REQUEST_LIMIT_BYTES = 3L * 1024 * 1024;
  /** etcd's default request limit ({@code --max-request-bytes}, 1.5 MiB). */
  public static final long STORAGE_LIMIT_BYTES = 1536L * 1024;

  private final transient @Nullable ObjectKey key;

  public ObjectTooLargeException(@Nullable ObjectKey key, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The object that was refused, when known. */
  public @Nullable ObjectKey key() {
    return key;
  }
}
