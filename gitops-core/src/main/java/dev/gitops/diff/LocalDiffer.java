package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import java.util.Optional;

/** Compares locally: desired manifest against live object, with a schema table for list keys. */
final class LocalDiffer implements Differ {
  private final SchemaTable schema;
  private final DiffOptions options;

  LocalDiffer(SchemaTable schema, DiffOptions options) {
    this.schema = requireNonNull(schema, "schema");
    this.options = requireNonNull(options, "options");
  }

  @Override
  public ResourceDiff diff(Manifest desired, Optional<LiveObject> live) {
    return new Comparison(desired.key(), desired.source(), desired.object(), null, live.orElse(null), schema,
        options).result(live.isEmpty());
  }
}
