package dev.gitops.model;

/**
 * The Jackson on the application's class path is older than the SDK supports. The message names
 * the jar and version found, the version needed and the one-line fix for Spring Boot 3.x and
 * Quarkus; see {@link JacksonVersions}.
 */
public class UnsupportedJacksonException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  /** A Jackson version problem described by {@code message}. */
  public UnsupportedJacksonException(String message) {
    super(message);
  }
}
