package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.live;
import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The differ's reuse of the normalized desired tree and its partial copies of the live one. */
class DiffReuseTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports: [{containerPort: 8080}]
              livenessProbe: {httpGet: {path: /, port: 8080}}
      """;

  private final InMemoryCluster cluster = InMemoryCluster.create();

  @Test
  void repeatedDiffsOfOneManifestGiveEqualResultsInSyncAndOutOfSync() {
    Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults());
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    LiveObject applied = cluster.apply(web, ApplyOptions.defaults());
    ResourceDiff first = differ.diff(web, Optional.of(applied));
    assertThat(first.status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(differ.diff(web, Optional.of(applied))).isEqualTo(first);

    LiveObject changed = live(DEPLOYMENT.replace("nginx:1.27", "nginx:1.28"));
    ResourceDiff drift = differ.diff(web, Optional.of(changed));
    ResourceDiff fresh = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults()).diff(web, Optional.of(changed));
    assertThat(drift.status()).isEqualTo(DiffStatus.OUT_OF_SYNC);
    assertThat(drift).isEqualTo(fresh);
    // Values of an out-of-sync result are the caller's own: changing them changes no later diff.
    drift.changes().forEach(c -> {
      if (c.desired() instanceof Map<?, ?> m) {
        try {
          m.clear();
        } catch (UnsupportedOperationException fine) {
          // unmodifiable is fine too
        }
      }
    });
    assertThat(differ.diff(web, Optional.of(changed))).isEqualTo(fresh);
    assertThat(differ.diff(web, Optional.of(applied))).isEqualTo(first);
  }

  @Test
  void theDesiredSideOfAManifestDiffedAgainIsNormalizedOnceMoreThenKept() {
    AtomicInteger desiredRuns = new AtomicInteger();
    Normalizer counting = (key, object, filled) -> desiredRuns.incrementAndGet();
    Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults().withNormalizers(
        List.of(Normalizers.secretStringData(), Normalizers.apiServerDefaults(), counting)));
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    LiveObject applied = cluster.apply(web, ApplyOptions.defaults());
    // With assertions on (as here) every in-sync result is also computed the full way, which
    // normalizes both sides afresh: two more runs per diff.
    int crossCheck = LocalDiffer.class.desiredAssertionStatus() ? 2 : 0;
    assertThat(differ.diff(web, Optional.of(applied)).status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(desiredRuns.get()).isEqualTo(2 + crossCheck); // desired and live
    // The first diff keeps nothing (most manifests of a plan are diffed once); the second keeps
    // what it prepares.
    assertThat(differ.diff(web, Optional.of(applied)).status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(desiredRuns.get()).isEqualTo(4 + 2 * crossCheck); // desired and live
    for (int i = 0; i < 3; i++) {
      assertThat(differ.diff(web, Optional.of(applied)).status()).isEqualTo(DiffStatus.IN_SYNC);
    }
    assertThat(desiredRuns.get()).isEqualTo(7 + 5 * crossCheck); // live only
  }

  @Test
  void aNormalizerOfUnknownScopeStillSeesAMutableLiveCopy() {
    Normalizer addsEverywhere = (key, object, filled) -> {
      if (object.get("spec") instanceof Map<?, ?> spec && spec.get("selector") instanceof Map<?, ?> sel) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) sel;
        s.putIfAbsent("matchExpressions", List.of());
      }
    };
    Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults().withNormalizers(
        List.of(Normalizers.secretStringData(), Normalizers.apiServerDefaults(), addsEverywhere)));
    Manifest web = manifest("apps/web.yaml", 1, DEPLOYMENT);
    LiveObject applied = cluster.apply(web, ApplyOptions.defaults());
    assertThat(differ.diff(web, Optional.of(applied)).status()).isEqualTo(DiffStatus.IN_SYNC);
  }

  @Test
  void aSecretsStringDataIsMergedOnTheLiveSideToo() {
    Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults());
    Manifest secret = manifest("s.yaml", 1, """
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: default}
        stringData: {a: b}
        """);
    LiveObject stored = live("""
        apiVersion: v1
        kind: Secret
        metadata: {name: s, namespace: default}
        stringData: {a: b}
        """);
    assertThat(differ.diff(secret, Optional.of(stored)).status()).isEqualTo(DiffStatus.IN_SYNC);
    assertThat(differ.diff(secret, Optional.of(stored)).status()).isEqualTo(DiffStatus.IN_SYNC);
  }
}
