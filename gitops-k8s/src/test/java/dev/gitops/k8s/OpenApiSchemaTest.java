package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.ListType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading list and map types from OpenAPI v3 documents shaped like the API server's: references
 * wrapped in {@code allOf}, list items and map values left out of paths, patch strategies for
 * lists without a list type, and self-referencing schemas. The real server's documents are read
 * in {@code FabricClusterApiServerTest}.
 */
class OpenApiSchemaTest {
  private static final String APPS = """
      {"openapi": "3.0.0", "components": {"schemas": {
        "io.k8s.api.apps.v1.Deployment": {
          "type": "object",
          "properties": {
            "spec": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec"}],
                     "default": {}}
          },
          "x-kubernetes-group-version-kind": [{"group": "apps", "kind": "Deployment", "version": "v1"}]
        },
        "io.k8s.api.apps.v1.DeploymentSpec": {
          "type": "object",
          "properties": {
            "selector": {"allOf": [{"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"}]},
            "template": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec"}]}
          }
        },
        "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {
          "type": "object",
          "properties": {"matchLabels": {"type": "object", "additionalProperties": {"type": "string"}}},
          "x-kubernetes-map-type": "atomic"
        },
        "io.k8s.api.core.v1.PodTemplateSpec": {
          "type": "object",
          "properties": {"spec": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.PodSpec"}]}}
        },
        "io.k8s.api.core.v1.PodSpec": {
          "type": "object",
          "properties": {
            "containers": {
              "type": "array",
              "items": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.Container"}]},
              "x-kubernetes-list-map-keys": ["name"],
              "x-kubernetes-list-type": "map",
              "x-kubernetes-patch-merge-key": "name",
              "x-kubernetes-patch-strategy": "merge"
            },
            "imagePullSecrets": {
              "type": "array",
              "items": {"$ref": "#/components/schemas/io.k8s.api.core.v1.LocalObjectReference"},
              "x-kubernetes-patch-merge-key": "name",
              "x-kubernetes-patch-strategy": "merge,retainKeys"
            },
            "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"},
                             "x-kubernetes-map-type": "atomic"},
            "tolerations": {"type": "array", "items": {"type": "object"}}
          }
        },
        "io.k8s.api.core.v1.Container": {
          "type": "object",
          "properties": {
            "args": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "atomic"},
            "ports": {
              "type": "array",
              "items": {"allOf": [{"$ref": "#/components/schemas/io.k8s.api.core.v1.ContainerPort"}]},
              "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
              "x-kubernetes-list-type": "map"
            }
          }
        },
        "io.k8s.api.core.v1.ContainerPort": {"type": "object"},
        "io.k8s.api.core.v1.LocalObjectReference": {"type": "object"}
      }}}
      """;

  private static final String WIDGETS = """
      {"openapi": "3.0.0", "components": {"schemas": {
        "com.example.v1.Widget": {
          "type": "object",
          "properties": {
            "spec": {"type": "object", "properties": {
              "routes": {"type": "object", "additionalProperties": {
                "type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"}},
              "schema": {"$ref": "#/components/schemas/com.example.v1.Props"},
              "color": {"type": "string", "default": "blue"},
              "note": {"type": "string", "nullable": true},
              "rules": {"type": "array", "x-kubernetes-list-type": "atomic", "items": {
                "type": "object", "properties": {
                  "path": {"type": "string"},
                  "weight": {"type": "integer", "default": 1},
                  "ratio": {"type": "number", "default": 0.5},
                  "match": {"type": "object", "default": {"type": "PathPrefix", "values": ["a"]}}
                }}}
            }}
          },
          "x-kubernetes-group-version-kind": [{"group": "example.com", "kind": "Widget", "version": "v1"}]
        },
        "com.example.v1.Props": {
          "type": "object",
          "properties": {
            "properties": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/com.example.v1.Props"}},
            "required": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "set"},
            "loop": {"$ref": "#/components/schemas/com.example.v1.Loop"}
          }
        },
        "com.example.v1.Loop": {"$ref": "#/components/schemas/com.example.v1.Loop"}
      }}}
      """;

  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, OpenApiSchema.Document> documents = Map.of(
      "/openapi/v3/apis/apps/v1?hash=A", new OpenApiSchema.Document(json.readTree(APPS)),
      "/openapi/v3/apis/example.com/v1?hash=B", new OpenApiSchema.Document(json.readTree(WIDGETS)));
  private final OpenApiSchema schema = new OpenApiSchema(
      OpenApiSchema.index(json.readTree("""
          {"paths": {
            "apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=A"},
            "apis/example.com/v1": {"serverRelativeURL": "/openapi/v3/apis/example.com/v1?hash=B"}
          }}""")),
      documents::get,
      (group, kind) -> switch (kind) {
        case "Deployment", "Widget" -> Optional.of("v1");
        default -> Optional.empty();
      });

  @Test
  void listTypesThroughReferencesAndListItems() {
    assertThat(schema.listType("apps", "Deployment", path("spec.template.spec.containers")))
        .isEqualTo(ListType.map("name"));
    assertThat(schema.listType("apps", "Deployment", path("spec.template.spec.containers.ports")))
        .isEqualTo(ListType.map("containerPort", "protocol"));
    assertThat(schema.listType("apps", "Deployment", path("spec.template.spec.containers.args")))
        .isEqualTo(ListType.atomic());
  }

  @Test
  void listsWithoutListTypeFollowTheirPatchStrategy() {
    assertThat(schema.listType("apps", "Deployment", path("spec.template.spec.imagePullSecrets")))
        .isEqualTo(ListType.map("name"));
    assertThat(schema.listType("apps", "Deployment", path("spec.template.spec.tolerations")))
        .isEqualTo(ListType.atomic());
  }

  @Test
  void atomicMapsOnTheFieldOrOnTheReferencedType() {
    assertThat(schema.isAtomicMap("apps", "Deployment", path("spec.selector"))).isTrue();
    assertThat(schema.isAtomicMap("apps", "Deployment", path("spec.template.spec.nodeSelector")))
        .isTrue();
    assertThat(schema.isAtomicMap("apps", "Deployment", path("spec.template.spec"))).isFalse();
  }

  @Test
  void mapValuesAndRecursiveSchemas() {
    assertThat(schema.listType("example.com", "Widget", path("spec.routes.anyKey")))
        .isEqualTo(ListType.set());
    assertThat(schema.listType("example.com", "Widget",
        path("spec.schema.properties.a.properties.b.required"))).isEqualTo(ListType.set());
    assertThat(schema.listType("example.com", "Widget", path("spec.schema.loop.x")))
        .isEqualTo(ListType.atomic());
  }

  @Test
  void unknownKindsAndPathsAreAtomic() {
    assertThat(schema.listType("apps", "StatefulSet", path("spec.volumeClaimTemplates")))
        .isEqualTo(ListType.atomic());
    assertThat(schema.listType("apps", "Deployment", path("spec.nothing.here")))
        .isEqualTo(ListType.atomic());
    assertThat(schema.isAtomicMap("apps", "Deployment", path("spec.nothing"))).isFalse();
  }

  @Test
  void defaultsOfCustomResourcesThroughListItems() {
    assertThat(schema.defaults("example.com", "Widget", path("spec"))).isEqualTo(Map.of("color", "blue"));
    assertThat(schema.defaults("example.com", "Widget", path("spec.rules"))).isEqualTo(Map.of("weight", 1L,
        "ratio", 0.5, "match", Map.of("type", "PathPrefix", "values", List.of("a"))));
    assertThat(schema.defaults("example.com", "Widget", path("spec.nothing"))).isEmpty();
    // Built-in kinds' documents give zero values as defaults; the server's own defaulting is elsewhere.
    assertThat(schema.defaults("apps", "Deployment", List.of())).isEmpty();
  }

  @Test
  void nullableFieldsOfCustomResourcesOnly() {
    assertThat(schema.isNullable("example.com", "Widget", path("spec.note"))).isTrue();
    assertThat(schema.isNullable("example.com", "Widget", path("spec.color"))).isFalse();
    assertThat(schema.isNullable("example.com", "Widget", path("spec.nothing"))).isFalse();
    assertThat(schema.hasNullables("example.com", "Widget")).isTrue();
    assertThat(schema.hasNullables("apps", "Deployment")).isFalse();
    assertThat(schema.isNullable("apps", "Deployment", path("spec.selector"))).isFalse();
  }

  private static List<String> path(String dotted) {
    return List.of(dotted.split("\\."));
  }
}
