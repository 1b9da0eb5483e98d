package dev.gitops.k8s;

import dev.gitops.cluster.ClusterException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the request/response calls one {@link FabricCluster} has in flight. fabric8's own limits
 * live in its HTTP client factories, and the default Vert.x factory does not read them; this keeps
 * the documented bound whatever factory is on the class path. Watches are not counted: they stay
 * open for as long as they run.
 */
final class RequestLimiter {
  private final Semaphore permits;

  RequestLimiter(int maxInFlight) {
    this.permits = new Semaphore(maxInFlight, true);
  }

  <T> T call(String cluster, Supplier<T> request) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException(cluster + ": interrupted while waiting to send a request", e);
    }
    try {
      return request.get();
    } finally {
      permits.release();
    }
  }

  int available() {
    return permits.availablePermits();
  }
}
