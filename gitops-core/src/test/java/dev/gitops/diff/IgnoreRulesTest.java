package dev.gitops.diff;

import static dev.gitops.testing.TestObjects.by;
import static dev.gitops.testing.TestObjects.live;
import static dev.gitops.testing.TestObjects.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.InMemoryCluster;
import dev.gitops.cluster.LiveObject;
import dev.gitops.cluster.SchemaTable;
import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - {name: web, image: "nginx:1.27"}
      """;
  private static final String SCALE_TO_5 = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: default}
      spec: {replicas: 5}
      """;

  private final InMemoryCluster cluster = InMemoryCluster.create();
  private final Manifest web = manifest("web.yaml", 1, DEPLOYMENT);

  @Test
  void fieldsOfAnIgnoredManagerAreNeitherComparedNorTakenOverByTheApply() {
    DiffOptions options = DiffOptions.defaults().withIgnore(IgnoreRule.manager("hpa-controller"));
    Differ differ = Differ.of(SchemaTable.builtIn(), options);
    cluster.apply(web, ApplyOptions.defaults());
    LiveObject scaled = cluster.apply(manifest("hpa", 1, SCALE_TO_5), by("hpa-controller").withForce(true));

    ResourceDiff diff = differ.diff(web, Optional.of(scaled));
    assertThat(diff.isInSync()).isTrue();
    assertThat(diff.ignored()).anySatisfy(i -> {
      assertThat(i.path()).isEqualTo(".spec.replicas");
      assertThat(i.reason().kind()).isEqualTo(Reason.Kind.IGNORED_MANAGER);
      assertThat(i.reason().detail()).contains("hpa-controller");
    });

    Manifest toApply = IgnoreFilter.stripIgnored(web, Optional.of(scaled), options, cluster.schema());
    assertThat(toApply.get("spec", "replicas")).isEmpty();
    LiveObject after = cluster.apply(toApply, ApplyOptions.defaults());
    assertThat(after.get("spec", "replicas")).contains(5L);
    assertThat(differ.diff(web, Optional.of(after)).isInSync()).isTrue();
    // Without the rule the same state is drift, explained by its owner.
    ResourceDiff unruled = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults()).diff(web, Optional.of(after));
    assertThat(unruled.changes()).singleElement().satisfies(c -> {
      assertThat(c.reason().kind()).isEqualTo(Reason.Kind.CHANGED_BY_MANAGER);
      assertThat(c.reason().detail()).contains("hpa-controller");
    });
  }

  @Test
  void pointerRuleIsHonouredByDiffAndApply() {
    DiffOptions options = DiffOptions.defaults()
        .withIgnore(IgnoreRule.pointer("/spec/replicas").forKind("apps", "Deploy*"));
    Differ differ = Differ.of(SchemaTable.builtIn(), options);
    Manifest stripped = IgnoreFilter.stripIgnored(web, Optional.empty(), options, cluster.schema());
    cluster.apply(stripped, ApplyOptions.defaults());
    LiveObject scaled = cluster.apply(manifest("ops", 1, SCALE_TO_5), by("ops"));

    assertThat(differ.diff(web, Optional.of(scaled)).isInSync()).isTrue();
    LiveObject after = cluster.apply(IgnoreFilter.stripIgnored(web, Optional.of(scaled), options, cluster.schema()),
        ApplyOptions.defaults());
    assertThat(after.get("spec", "replicas")).contains(5L);
    ResourceDiff diff = differ.diff(web, Optional.of(after));
    assertThat(diff.isInSync()).isTrue();
    assertThat(diff.ignored()).anySatisfy(i -> assertThat(i.reason().detail()).contains("/spec/replicas"));
  }

  @Test
  void wildcardPointerAndObjectPatterns() {
    IgnoreRule images = IgnoreRule.pointer("/spec/template/spec/containers/*/image").forName("default", "w?b");
    Differ differ = Differ.of(SchemaTable.builtIn(), DiffOptions.defaults().withIgnore(images));
    cluster.apply(web, ApplyOptions.defaults());
    LiveObject edited = cluster.apply(manifest("e", 1, DEPLOYMENT.replace("nginx:1.27", "nginx:1.28")),
        by("image-updater").withForce(true));

    assertThat(differ.diff(web, Optional.of(edited)).isInSync()).isTrue();
    assertThat(images.appliesTo(ObjectKey.of("apps/v1", "Deployment", "default", "api"))).isFalse();
    Manifest stripped = IgnoreFilter.stripIgnored(web, Optional.empty(), DiffOptions.defaults().withIgnore(images),
        cluster.schema());
    assertThat(stripped.get("spec", "template", "spec", "containers").orElseThrow().toString())
        .doesNotContain("image").contains("web");
  }

  @Test
  void managerRuleMatchesMapListItemsOnTheKeysTheServerFilledIn() {
    Manifest desired = manifest("web.yaml", 1, """
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
                ports: [{containerPort: 8080, name: http, hostPort: 18080}]
        """);
    // As a real server has it: protocol defaulted, so the port's key includes it, and the mesh
    // controller owns the port's hostPort.
    LiveObject live = live("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          managedFields:
          - manager: gitops-sdk
            operation: Apply
            apiVersion: apps/v1
            fieldsV1:
              f:spec:
                f:selector: {}
                f:template:
                  f:metadata: {f:labels: {f:app: {}}}
                  f:spec:
                    f:containers:
                      k:{"name":"web"}:
                        .: {}
                        f:image: {}
                        f:name: {}
                        f:ports:
                          k:{"containerPort":8080,"protocol":"TCP"}:
                            .: {}
                            f:containerPort: {}
                            f:name: {}
          - manager: mesh
            operation: Apply
            apiVersion: apps/v1
            fieldsV1:
              f:spec:
                f:template:
                  f:spec:
                    f:containers:
                      k:{"name":"web"}:
                        f:ports:
                          k:{"containerPort":8080,"protocol":"TCP"}:
                            f:hostPort: {}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports: [{containerPort: 8080, name: http, hostPort: 28080, protocol: TCP}]
        """);
    DiffOptions options = DiffOptions.defaults().withIgnore(IgnoreRule.manager("mesh"));

    Manifest toApply = IgnoreFilter.stripIgnored(desired, Optional.of(live), options, SchemaTable.builtIn());

    assertThat(toApply.get("spec", "template", "spec", "containers")).contains(List.of(Map.of(
        "name", "web", "image", "nginx:1.27", "ports", List.of(Map.of("containerPort", 8080L, "name", "http")))));
    // The diff matches the same item and leaves the mesh's hostPort to it.
    ResourceDiff diff = Differ.of(SchemaTable.builtIn(), options).diff(desired, Optional.of(live));
    assertThat(diff.isInSync()).as(diff.unifiedDiff()).isTrue();
    assertThat(diff.ignored()).anySatisfy(i -> {
      assertThat(i.pointer()).endsWith("/ports/0/hostPort");
      assertThat(i.reason().kind()).isEqualTo(Reason.Kind.IGNORED_MANAGER);
    });
  }

  @Test
  void aManagerOwningOneFieldOfAContainerTakesOnlyThatFieldOutNotTheContainer() {
    DiffOptions options = DiffOptions.defaults().withIgnore(IgnoreRule.manager("mesh"));
    Differ differ = Differ.of(SchemaTable.builtIn(), options);
    cluster.apply(web, ApplyOptions.defaults());
    // The mesh manager applies one env var into our container: it co-owns the container item.
    LiveObject meshed = cluster.apply(manifest("mesh", 1, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          template:
            spec:
              containers:
              - name: web
                env: [{name: MESH, value: "on"}]
        """), by("mesh").withForce(true));

    ResourceDiff diff = differ.diff(web, Optional.of(meshed));
    assertThat(diff.isInSync()).isTrue();
    assertThat(diff.ignored()).noneSatisfy(i -> assertThat(i.path()).isEqualTo(".spec.template.spec.containers[name=\"web\"]"));

    Manifest toApply = IgnoreFilter.stripIgnored(web, Optional.of(meshed), options, cluster.schema());
    assertThat(toApply.get("spec", "template", "spec", "containers")).hasValueSatisfying(c ->
        assertThat(c).asList().singleElement().isEqualTo(java.util.Map.of("name", "web", "image", "nginx:1.27")));
    LiveObject after = cluster.apply(toApply, ApplyOptions.defaults());
    assertThat(after.get("spec", "template", "spec", "containers")).hasValueSatisfying(c -> {
      assertThat(c.toString()).contains("nginx:1.27").contains("MESH");
    });
    assertThat(differ.diff(web, Optional.of(after)).isInSync()).isTrue();
  }
}
