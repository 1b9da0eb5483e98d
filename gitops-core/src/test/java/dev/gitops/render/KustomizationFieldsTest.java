package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class KustomizationFieldsTest {

  private static Kustomization parse(String yaml) {
    Object doc = YamlDocuments.parse("k/kustomization.yaml", yaml.getBytes(StandardCharsets.UTF_8))
        .get(0).value();
    return Kustomization.parse("k/kustomization.yaml", "k", doc, yaml, true);
  }

  @Test
  void aMisspelledImageFieldIsAnErrorNamingFileFieldAndPlace() {
    assertThatThrownBy(() -> parse("images: [{name: app, newTg: v2}]\n"))
        .isInstanceOf(KustomizeException.class)
        .hasMessage("k/kustomization.yaml: unknown field \"newTg\" in images[0] (did you mean \"newTag\"?)");
  }

  @Test
  void anUnknownTopLevelFieldSuggestsTheNearestKnownOne() {
    assertThatThrownBy(() -> parse("resource:\n- a.yaml\n"))
        .hasMessage("k/kustomization.yaml: unknown field 'resource'; did you mean 'resources'?");
    assertThatThrownBy(() -> parse("commonlabel: {a: b}\n"))
        .hasMessage("k/kustomization.yaml: unknown field 'commonlabel'; did you mean 'commonLabels'?");
    assertThatThrownBy(() -> parse("zzzzzzzz: 1\n"))
        .hasMessage("k/kustomization.yaml: unknown field 'zzzzzzzz'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "replicas: [{name: a, count: 2, cnt: 3}]|\"cnt\" in replicas[0]",
      "patches: [{path: p.yaml, target: {kind: A, nme: x}}]|\"nme\" in patches[0].target",
      "patchesJson6902: [{path: p.yaml, trget: {kind: A}}]|\"trget\" in patchesJson6902[0]",
      "configMapGenerator: [{name: a, literal: [x=y]}]|\"literal\" in configMapGenerator[0]",
      "secretGenerator: [{name: a, options: {disableNameSuffix: true}}]|\"disableNameSuffix\" in secretGenerator[0].options",
      "generatorOptions: {label: {a: b}}|\"label\" in generatorOptions",
      "labels: [{pairs: {a: b}, includeSelector: true}]|\"includeSelector\" in labels[0]",
      "labels: [{pairs: {a: b}, fields: [{kind: A, pth: x}]}]|\"pth\" in labels[0].fields[0]",
      "replacements: [{source: {kind: A, fieldPth: x}, targets: []}]|\"fieldPth\" in replacements[0].source",
      "replacements: [{source: {kind: A}, targets: [{select: {kind: B}, fieldPath: [x]}]}]|\"fieldPath\" in replacements[0].targets[0]",
      "replacements: [{source: {kind: A}, targets: [{select: {kind: B}, options: {creat: true}}]}]|\"creat\" in replacements[0].targets[0].options",
      "vars: [{name: V, objref: {kind: A, name: a}, fieldref: {path: x}}]|\"path\" in vars[0].fieldref",
      "sortOptions: {order: legacy, legacySortOptions: {first: [A]}}|\"first\" in sortOptions.legacySortOptions",
      "helmCharts: [{name: c, valuesFle: v.yaml}]|\"valuesFle\" in helmCharts[0]",
      "helmGlobals: {chartHom: c}|\"chartHom\" in helmGlobals",
      "metadata: {name: a, label: {a: b}}|\"label\" in metadata",
  })
  void unknownNestedFieldsAreErrors(String yaml, String where) {
    assertThatThrownBy(() -> parse(yaml + "\n"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith("k/kustomization.yaml: unknown field " + where);
  }

  @Test
  void freeFormMapsAndEveryKnownFieldPass() {
    assertThatCode(() -> parse("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        metadata: {name: x, labels: {anything: goes}}
        commonLabels: {any: key}
        labels: [{pairs: {free: key}, includeSelectors: true, includeTemplates: true, fields: [{kind: A, path: a/b, create: true}]}]
        images: [{name: a, newName: b, newTag: c, digest: d, tagSuffix: e}]
        patches: [{patch: x, target: {group: g, version: v, kind: k, name: n, namespace: s, labelSelector: l, annotationSelector: a}, options: {allowNameChange: true}}]
        configMapGenerator: [{name: a, namespace: b, behavior: create, literals: [a=b], files: [f], envs: [e], env: e, options: {labels: {x: y}, annotations: {x: y}, disableNameSuffixHash: true, immutable: true}}]
        secretGenerator: [{name: a, type: Opaque}]
        replacements: [{path: r.yaml}, {source: {kind: A, name: a, fieldPath: x, options: {delimiter: '.', index: 1}}, targets: [{select: {kind: B}, reject: [{name: c}], fieldPaths: [y], options: {create: true, encoding: base64}}]}]
        sortOptions: {order: legacy, legacySortOptions: {orderFirst: [A], orderLast: [B]}}
        vars: [{name: V, objref: {apiVersion: v1, kind: A, name: a}, fieldref: {fieldPath: x}}]
        """)).doesNotThrowAnyException();
  }

  @Test
  void fieldsKustomizeKnowsButWeDoNotSupportSaySoAndWhy() {
    assertThatThrownBy(() -> parse("validators: [v.yaml]\n"))
        .hasMessage("k/kustomization.yaml: field 'validators' is not supported by this renderer: "
            + "validator plugins are not run");
    assertThatThrownBy(() -> parse("openapi: {path: s.json}\n"))
        .hasMessageContaining("field 'openapi' is not supported by this renderer: ", "merge keys");
    assertThatThrownBy(() -> parse("crds: [crd.json]\n"))
        .hasMessageContaining("field 'crds' is not supported by this renderer: ", "configurations");
  }

  @Test
  void deprecatedImageTagsAreAppendedToImagesAsKustomizeDoes() {
    Kustomization k = parse("images: [{name: a, newTag: '1'}]\nimageTags: [{name: b, newTag: '2'}]\n");
    assertThat(k.maps("images")).extracting(m -> m.get("name")).containsExactly("a", "b");
    assertThat(k.fields()).doesNotContainKey("imageTags");
  }

  @Test
  void fieldNamesMatchIgnoringCaseAsInGoJsonDecodingAndAreReadUnderTheirDeclaredSpelling() {
    Kustomization k = parse("Resources: [a.yaml]\nvars: [{name: V, objref: {kind: A, name: a}, fieldref: {fieldpath: x}}]\n");
    assertThat(k.strings("resources")).containsExactly("a.yaml");
    assertThat(Vars.declared(k).get(0).fieldPath()).isEqualTo("x");
    assertThatThrownBy(() -> parse("resources: [a]\nRESOURCES: [b]\n"))
        .hasMessageContaining("field 'resources' is given twice");
  }

  @Test
  void editDistance() {
    assertThat(KustomizationFields.distance("resource", "resources")).isEqualTo(1);
    assertThat(KustomizationFields.distance("", "abc")).isEqualTo(3);
    assertThat(KustomizationFields.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(KustomizationFields.closest("nameprefix", List.of("namePrefix", "nameSuffix")))
        .isEqualTo("namePrefix");
  }
}
