package dev.gitops.diff;

import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import java.util.Optional;

/**
 * Compares a desired object with the live one over the fields we declare or own; see
 * docs/drift.md. Implementations are thread-safe.
 */
public interface Differ {

  /**
   * The diff of one desired object.
   *
   * @param live the live object, empty when it does not exist ({@link DiffStatus#MISSING})
   */
  ResourceDiff diff(Manifest desired, Optional<LiveObject> live);

  /** The diff of an inventory object that is no longer desired: {@link DiffStatus#EXTRA}. */
  default ResourceDiff extra(LiveObject live) {
    return Comparison.extra(live);
  }

  /** A differ comparing locally, with list merge facts from a schema table. */
  static Differ of(SchemaTable schema, DiffOptions options) {
    return new LocalDiffer(schema, options);
  }

  /**
   * A differ that first applies the desired object as a server-side dry run (forced, under
   * {@link DiffOptions#fieldManager()}, ignored fields stripped) and compares the result with the
   * live object, so that admission defaults and mutating webhooks count as desired. Cluster errors
   * of the dry run propagate as their exceptions.
   */
  static Differ dryRun(Cluster cluster, DiffOptions options) {
    return new DryRunDiffer(cluster, options);
  }
}
