package dev.gitops.source;

import java.time.Duration;
import org.eclipse.jgit.api.TransportConfigCallback;

/** SSH transport set-up for key credentials; package-private. PLACEHOLDER. */
final class SshTransport {
  private SshTransport() {}

  static TransportConfigCallback callback(Credentials.SshKey key, Duration timeout) {
    throw new UnsupportedOperationException("SSH transport not implemented yet");
  }
}
