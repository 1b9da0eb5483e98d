package dev.gitops.cluster;

import static dev.gitops.cluster.Fixtures.by;
import static dev.gitops.cluster.Fixtures.list;
import static dev.gitops.cluster.Fixtures.manifest;
import static dev.gitops.cluster.Fixtures.map;
import static dev.gitops.cluster.Fixtures.widget;
import static dev.gitops.cluster.Fixtures.widgetDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filling custom resources' schema defaults, directly and through the in-memory cluster's writes. */
class SchemaDefaulterTest {
  private static final String GROUP = "example.com";
  private static final Map<String, Object> SPEC = map("type", "object", "properties", map(
      "color", map("type", "string", "default", "blue"),
      "probe", map("type", "object", "default", map(), "properties", map(
          "periodSeconds", map("type", "integer", "default", 10L))),
      "rules", map("type", "array", "items", map("type", "object", "properties", map(
          "path", map("type", "string"),
          "weight", map("type", "integer", "default", 1L)))),
      "limits", map("type", "object", "additionalProperties", map("type", "object", "properties", map(
          "unit", map("type", "string", "default", "m"))))));
  private final InMemoryCluster cluster = InMemoryCluster.create();

  @BeforeEach
  void define() {
    cluster.apply(manifest(widgetDefinition(GROUP, "Namespaced", SPEC)), by("admin"));
  }

  @Test
  void fillsAbsentFieldsEverywhereAndReportsWhereWithListIndexes() {
    Map<String, Object> spec = map("rules", list(map("path", "/a"), map("path", "/b", "weight", 5L)),
        "limits", map("cpu", map()));
    Map<String, Object> object = map("spec", spec);
    List<String> reported = new ArrayList<>();

    SchemaDefaulter.fill(cluster.schema(), GROUP, "Widget", object, (path, value) -> reported.add(path + "=" + value));

    assertThat(object).isEqualTo(Map.of("spec", Map.of(
        "color", "blue",
        "probe", Map.of("periodSeconds", 10L),
        "rules", List.of(Map.of("path", "/a", "weight", 1L), Map.of("path", "/b", "weight", 5L)),
        "limits", Map.of("cpu", Map.of("unit", "m")))));
    assertThat(reported).containsExactlyInAnyOrder(
        "[spec, color]=blue", "[spec, probe]={}", "[spec, probe, periodSeconds]=10",
        "[spec, rules, 0, weight]=1", "[spec, limits, cpu, unit]=m");
  }

  @Test
  @SuppressWarnings("unchecked")
  void keepsPresentValuesNullIncludedAndNeverSharesTheSchemasValue() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("color", null);
    Map<String, Object> first = map("spec", spec);
    SchemaDefaulter.fill(cluster.schema(), GROUP, "Widget", first, null);
    assertThat(spec).containsEntry("color", null);

    ((Map<String, Object>) spec.get("probe")).put("periodSeconds", 99L);
    Map<String, Object> second = map("spec", map());
    SchemaDefaulter.fill(cluster.schema(), GROUP, "Widget", second, null);
    assertThat(second).isEqualTo(Map.of("spec", Map.of("color", "blue", "probe", Map.of("periodSeconds", 10L))));
  }

  @Test
  void theSchemaTableSaysWhichKindsHaveDefaultsSoWalksCanBeSkipped() {
    assertThat(cluster.schema().hasDefaults(GROUP, "Widget")).isTrue();
    assertThat(cluster.schema().hasDefaults("apps", "Deployment")).as("a port's protocol, a map-list key")
        .isTrue();
    assertThat(cluster.schema().defaults("apps", "Deployment", List.of("spec", "template", "spec", "containers",
        "ports"))).containsExactly(Map.entry("protocol", "TCP"));
    assertThat(cluster.schema().hasDefaults("", "ConfigMap")).isFalse();
    cluster.apply(manifest(widgetDefinition("plain.example.com", "Namespaced",
        map("type", "object", "properties", map("color", map("type", "string"))))), by("admin"));
    assertThat(cluster.schema().hasDefaults("plain.example.com", "Widget")).isFalse();
  }

  @Test
  void builtInKindsGetNothing() {
    Map<String, Object> deployment = map("spec", map("template", map("spec", map("containers", list(map("name", "web"))))));
    Map<String, Object> before = Trees.copyMap(deployment);

    SchemaDefaulter.fill(cluster.schema(), "apps", "Deployment", deployment, (p, v) -> { });

    assertThat(deployment).isEqualTo(before);
  }

  @Test
  void anotherManagerTakesADefaultedFieldWithoutConflict() {
    LiveObject created = cluster.apply(manifest(widget(GROUP, "default", "w", map())), by("app"));
    assertThat(created.get("spec", "color")).contains("blue");

    LiveObject taken = cluster.apply(manifest(widget(GROUP, "default", "w", map("color", "red"))), by("ops"));

    assertThat(taken.get("spec", "color")).contains("red");
    assertThat(taken.managedFields()).extracting(ManagedFields::manager, ManagedFields::fieldsV1).containsExactly(
        tuple("app", Map.of("f:spec", Map.of())),
        tuple("ops", Map.of("f:spec", Map.of("f:color", Map.of()))));
  }

  @Test
  void dryRunOfAnUpdateShowsTheDefaultOfAFieldItsApplierDrops() {
    cluster.apply(manifest(widget(GROUP, "default", "w", map("color", "red"))), by("app"));

    LiveObject dry = cluster.apply(manifest(widget(GROUP, "default", "w", map())), by("app").withDryRun(true));

    assertThat(dry.get("spec", "color")).contains("blue");
    assertThat(cluster.get(dry.key()).orElseThrow().get("spec", "color")).contains("red");
  }
}
