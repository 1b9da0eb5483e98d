package dev.gitops.health;

import static java.util.Objects.requireNonNull;

import dev.gitops.model.ObjectKey;

/**
 * The health of one object of an application.
 *
 * @param key the object
 * @param health its health
 */
public record ObjectHealth(ObjectKey key, Health health) {
  public ObjectHealth {
    requireNonNull(key, "key");
    requireNonNull(health, "health");
  }

  @Override
  public String toString() {
    return key + " " + health;
  }
}
