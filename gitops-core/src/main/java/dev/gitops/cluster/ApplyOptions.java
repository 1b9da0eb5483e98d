package dev.gitops.cluster;

import static java.util.Objects.requireNonNull;

/**
 * Options of one server-side apply. Start from {@link #defaults()} and change what differs:
 * {@code ApplyOptions.defaults().withForce(true)}.
 *
 * @param fieldManager the field manager the applied fields are recorded under
 * @param force take ownership of fields other managers own instead of failing with a conflict
 * @param dryRun compute the result without storing anything
 */
public record ApplyOptions(String fieldManager, boolean force, boolean dryRun) {
  /** The field manager used when none is given. */
  public static final String DEFAULT_FIELD_MANAGER = "gitops-sdk";

  public ApplyOptions {
    requireNonNull(fieldManager, "fieldManager");
    if (fieldManager.isBlank()) {
      throw new IllegalArgumentException("fieldManager must not be blank");
    }
  }

  /** Manager {@value #DEFAULT_FIELD_MANAGER}, no force, not a dry run. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(DEFAULT_FIELD_MANAGER, false, false);
  }

  public ApplyOptions withFieldManager(String manager) {
    return new ApplyOptions(manager, force, dryRun);
  }

  public ApplyOptions withForce(boolean value) {
    return new ApplyOptions(fieldManager, value, dryRun);
  }

  public ApplyOptions withDryRun(boolean value) {
    return new ApplyOptions(fieldManager, force, value);
  }
}
