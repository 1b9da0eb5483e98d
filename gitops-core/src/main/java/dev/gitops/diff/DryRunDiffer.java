package dev.gitops.diff;

import static java.util.Objects.requireNonNull;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.Cluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.JacksonVersions;
import dev.gitops.model.Manifest;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the result of a server-side dry-run apply with the live object: what the server would
 * store, admission defaults and webhooks included, over the fields our manager would own.
 */
final class DryRunDiffer implements Differ {
  static {
    JacksonVersions.requireSupported(); // before any Jackson class loads
  }

  private final Cluster cluster;
  private final DiffOptions options;

  DryRunDiffer(Cluster cluster, DiffOptions options) {
    this.cluster = requireNonNull(cluster, "cluster");
    this.options = requireNonNull(options, "options");
  }

  @Override
  public ResourceDiff diff(Manifest desired, Optional<LiveObject> live) {
    Manifest toApply = IgnoreFilter.stripIgnored(desired, live, options, cluster.schema());
    LiveObject result = cluster.apply(toApply, ApplyOptions.defaults()
        .withFieldManager(options.fieldManager()).withForce(true).withDryRun(true));
    Map<?, ?> owned = FieldsNode.applied(result.object(), options.fieldManager());
    return new Comparison(desired.key(), desired.source(), result.object(), owned == null ? Map.of() : owned,
        live.orElse(null), cluster.schema(), options).result(live.isEmpty());
  }
}
