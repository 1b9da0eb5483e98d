package dev.gitops.k8s;

import io.fabric8.kubernetes.client.Config;
import java.time.Duration;

/**
 * HTTP settings that {@link FabricCluster} writes into the fabric8 {@link Config} of a client it
 * builds. Defaults and the reasons for them are in {@code docs/fabric8-backend.md}.
 *
 * @param connectTimeout TCP and TLS connect timeout
 * @param requestTimeout timeout of one request and response (not of watches)
 * @param maxConcurrentRequests fabric8's limit on requests in flight, all hosts together
 * @param maxConcurrentRequestsPerHost fabric8's limit per host; one cluster is one host, so this is
 *     also the bound {@link RequestLimiter} enforces whatever HTTP client fabric8 uses
 * @param requestRetries how often fabric8 retries a request that failed with an I/O error, 429 or
 *     5xx (exponential backoff from 100 ms); 0 so that such errors reach the caller at once
 */
record ClientSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxConcurrentRequests,
    int maxConcurrentRequestsPerHost,
    int requestRetries) {

  static final ClientSettings DEFAULTS =
      new ClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 64, 32, 0);

  ClientSettings {
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    if (maxConcurrentRequests < 1 || maxConcurrentRequestsPerHost < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
    if (maxConcurrentRequestsPerHost > maxConcurrentRequests) {
      throw new IllegalArgumentException("maxConcurrentRequestsPerHost "
          + maxConcurrentRequestsPerHost + " exceeds maxConcurrentRequests " + maxConcurrentRequests);
    }
    if (requestRetries < 0) {
      throw new IllegalArgumentException("requestRetries must not be negative");
    }
  }

  /**
   * Writes the settings into a config. Setters rather than a copy: fabric8's ConfigBuilder copy
   * drops the kubeconfig file that token refresh (exec and auth-provider credentials) reads again.
   */
  void applyTo(Config config) {
    config.setConnectionTimeout(millis(connectTimeout));
    config.setRequestTimeout(millis(requestTimeout));
    config.setMaxConcurrentRequests(maxConcurrentRequests);
    config.setMaxConcurrentRequestsPerHost(maxConcurrentRequestsPerHost);
    config.setRequestRetryBackoffLimit(requestRetries);
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
