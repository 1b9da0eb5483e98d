package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.ObjectKey;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code transformers} and {@code generators} fields with kustomize's built-in configurations:
 * one working case per kind, and errors that name the kustomization, the configuration's file and
 * its kind. The corpus (cases 79 to 106) checks the same kinds against kustomize itself.
 */
class KustomizeTransformersTest {
  private static final String APP = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx:1.25
              envFrom:
              - configMapRef:
                  name: web-config
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
        - port: 80
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-config
      data:
        mode: base
      """;

  private final InMemoryGitRepository git = InMemoryGitRepository.create("transformers");

  /** Renders directory {@code app} holding app.yaml, a kustomization listing the files and the files. */
  private Map<String, Manifest> render(String kustomization, String... files) {
    var commit = git.commit().add("app/app.yaml", APP).add("app/kustomization.yaml", kustomization);
    for (int i = 0; i < files.length; i += 2) {
      commit.add("app/" + files[i], files[i + 1]);
    }
    commit.call();
    Map<String, Manifest> out = new LinkedHashMap<>();
    for (Manifest m : KustomizeRenderer.create().render(git.source().fetch(GitRef.branch("main"), "app")).objects()) {
      out.put(m.kind() + "/" + m.name(), m);
    }
    return out;
  }

  private void fails(String kustomization, String message, String... files) {
    assertThatThrownBy(() -> render(kustomization, files))
        .isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith("app/kustomization.yaml: ")
        .hasMessageContaining(message);
  }

  private static String transformers(String... files) {
    return "resources:\n- app.yaml\ntransformers:\n" + list(files);
  }

  private static String list(String... files) {
    StringBuilder s = new StringBuilder();
    for (String f : files) {
      s.append("- ").append(f).append('\n');
    }
    return s.toString();
  }

  private static Object at(Manifest m, String... path) {
    return m.get(path).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Manifest m) {
    List<Object> containers = (List<Object>) at(m, "spec", "template", "spec", "containers");
    return (Map<String, Object>) containers.get(0);
  }

  @Test
  void labelTransformerWritesOnlyWhereItsFieldSpecsSay() {
    Map<String, Manifest> out = render(transformers("labels.yaml"), "labels.yaml", """
        apiVersion: builtin
        kind: LabelTransformer
        metadata: {name: team}
        labels: {team: payments}
        fieldSpecs:
        - {path: metadata/labels, create: true}
        - {path: spec/selector, kind: Service, create: true}
        """);

    assertThat(out.get("Deployment/web").labels()).containsEntry("team", "payments");
    assertThat(at(out.get("Deployment/web"), "spec", "selector", "matchLabels")).isEqualTo(Map.of("app", "web"));
    assertThat(at(out.get("Service/web"), "spec", "selector")).isEqualTo(Map.of("app", "web", "team", "payments"));
  }

  @Test
  void labelTransformerWithoutFieldSpecsChangesNothingAsInKustomize() {
    Map<String, Manifest> out = render(transformers("labels.yaml"), "labels.yaml",
        "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\nlabels: {team: x}\n");

    assertThat(out.get("Deployment/web").labels()).isEmpty();
  }

  @Test
  void annotationsTransformer() {
    Map<String, Manifest> out = render(transformers("a.yaml"), "a.yaml", """
        apiVersion: builtin
        kind: AnnotationsTransformer
        metadata: {name: owner}
        annotations: {owner: team-a}
        fieldSpecs: [{path: metadata/annotations, kind: ConfigMap, create: true}]
        """);

    assertThat(out.get("ConfigMap/web-config").annotations()).containsExactly(Map.entry("owner", "team-a"));
    assertThat(out.get("Service/web").annotations()).isEmpty();
  }

  @Test
  void prefixSuffixTransformerRenamesAndReferencesFollow() {
    Map<String, Manifest> out = render(transformers("affix.yaml"), "affix.yaml", """
        apiVersion: builtin
        kind: PrefixSuffixTransformer
        metadata: {name: affix}
        prefix: shop-
        suffix: -v2
        fieldSpecs: [{path: metadata/name}]
        """);

    assertThat(out).containsKeys("Deployment/shop-web-v2", "Service/shop-web-v2", "ConfigMap/shop-web-config-v2");
    assertThat(container(out.get("Deployment/shop-web-v2")).get("envFrom"))
        .isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "shop-web-config-v2"))));
  }

  @Test
  void prefixAndSuffixTransformersApplyToTheKindsOfTheirFieldSpecs() {
    Map<String, Manifest> out = render(transformers("prefix.yaml", "suffix.yaml"),
        "prefix.yaml", "apiVersion: builtin\nkind: PrefixTransformer\nmetadata: {name: p}\nprefix: eu-\n"
            + "fieldSpecs: [{path: metadata/name, kind: Deployment}]\n",
        "suffix.yaml", "apiVersion: builtin\nkind: SuffixTransformer\nmetadata: {name: s}\nsuffix: -blue\n"
            + "fieldSpecs: [{path: metadata/name, kind: Service}]\n");

    assertThat(out).containsOnlyKeys("Deployment/eu-web", "Service/web-blue", "ConfigMap/web-config");
  }

  @Test
  void namespaceTransformerTakesItsNamespaceFromMetadataAndHonoursUnsetOnly() {
    Map<String, Manifest> out = render("resources: [app.yaml, pinned.yaml]\ntransformers: [ns.yaml]\n",
        "ns.yaml", """
        apiVersion: builtin
        kind: NamespaceTransformer
        metadata: {name: ns, namespace: shop}
        unsetOnly: true
        """, "pinned.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pinned, namespace: kept}\n");

    assertThat(out.get("Deployment/web").namespace()).isEqualTo("shop");
    assertThat(out.get("ConfigMap/pinned").namespace()).isEqualTo("kept");
  }

  @Test
  void imageTagTransformer() {
    Map<String, Manifest> out = render(transformers("image.yaml"), "image.yaml", """
        apiVersion: builtin
        kind: ImageTagTransformer
        metadata: {name: nginx}
        imageTag: {name: nginx, newName: registry.example.com/nginx, newTag: "1.27"}
        """);

    assertThat(container(out.get("Deployment/web")).get("image")).isEqualTo("registry.example.com/nginx:1.27");
  }

  @Test
  void replicaCountTransformer() {
    Map<String, Manifest> out = render(transformers("r.yaml"), "r.yaml", """
        apiVersion: builtin
        kind: ReplicaCountTransformer
        metadata: {name: scale}
        replica: {name: web, count: 5}
        fieldSpecs: [{path: spec/replicas, kind: Deployment, create: true}]
        """);

    assertThat(at(out.get("Deployment/web"), "spec", "replicas")).isEqualTo(5L);
  }

  @Test
  void patchTransformerWithTargetAndInlinePatch() {
    Map<String, Manifest> out = render(transformers("p.yaml"), "p.yaml", """
        apiVersion: builtin
        kind: PatchTransformer
        metadata: {name: p}
        target: {kind: Service}
        patch: |-
          - {op: replace, path: /spec/ports/0/port, value: 8080}
        """);

    assertThat(at(out.get("Service/web"), "spec", "ports")).isEqualTo(List.of(Map.of("port", 8080L)));
  }

  @Test
  void patchStrategicMergeTransformerFromPathsAndInline() {
    Map<String, Manifest> out = render(transformers("smp.yaml"), "smp.yaml", """
        apiVersion: builtin
        kind: PatchStrategicMergeTransformer
        metadata: {name: smp}
        paths: [service.yaml]
        patches: |-
          apiVersion: v1
          kind: ConfigMap
          metadata: {name: web-config}
          data: {mode: patched}
        """, "service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: NodePort}\n");

    assertThat(at(out.get("ConfigMap/web-config"), "data", "mode")).isEqualTo("patched");
    assertThat(at(out.get("Service/web"), "spec", "type")).isEqualTo("NodePort");
  }

  @Test
  void patchJson6902Transformer() {
    Map<String, Manifest> out = render(transformers("j.yaml"), "j.yaml", """
        apiVersion: builtin
        kind: PatchJson6902Transformer
        metadata: {name: j}
        target: {group: apps, version: v1, kind: Deployment, name: web}
        jsonOp: '[{"op": "replace", "path": "/spec/replicas", "value": 3}]'
        """);

    assertThat(at(out.get("Deployment/web"), "spec", "replicas")).isEqualTo(3L);
  }

  @Test
  void replacementTransformer() {
    Map<String, Manifest> out = render(transformers("r.yaml"), "r.yaml", """
        apiVersion: builtin
        kind: ReplacementTransformer
        metadata: {name: r}
        replacements:
        - source: {kind: ConfigMap, name: web-config, fieldPath: data.mode}
          targets:
          - select: {kind: Service}
            fieldPaths: [metadata.labels.mode]
            options: {create: true}
        """);

    assertThat(out.get("Service/web").labels()).containsEntry("mode", "base");
  }

  @Test
  void configMapAndSecretGeneratorsUnderGenerators() {
    Map<String, Manifest> out = render("resources: [app.yaml]\ngenerators: [cm.yaml, secret.yaml]\n",
        "cm.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: settings, namespace: shop}\n"
            + "literals: [color=blue]\n",
        "secret.yaml", "apiVersion: builtin\nkind: SecretGenerator\nmetadata: {name: creds}\n"
            + "literals: [user=admin]\noptions: {disableNameSuffixHash: true}\n");

    Manifest settings = out.values().stream().filter(m -> m.name().startsWith("settings-")).findFirst().orElseThrow();
    assertThat(settings.namespace()).isEqualTo("shop");
    assertThat(at(settings, "data", "color")).isEqualTo("blue");
    assertThat(at(out.get("Secret/creds"), "data", "user")).isEqualTo("YWRtaW4=");
  }

  @Test
  void aKustomizationDirectoryUnderTransformersGivesItsBuiltConfigurations() {
    git.commit()
        .add("transformers/kustomization.yaml", "resources: [labels.yaml]\n"
            + "patches:\n- target: {kind: LabelTransformer}\n  patch: '[{op: add, path: /labels/env, value: staging}]'\n")
        .add("transformers/labels.yaml", "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\n"
            + "labels: {team: a}\nfieldSpecs: [{path: metadata/labels, create: true}]\n")
        .call();

    Map<String, Manifest> out = render(transformers("../transformers"));

    assertThat(out.get("Service/web").labels()).containsOnly(Map.entry("team", "a"), Map.entry("env", "staging"));
  }

  @Test
  void inlineConfigurations() {
    Map<String, Manifest> out = render("resources: [app.yaml]\ntransformers:\n- |-\n  apiVersion: builtin\n"
        + "  kind: LabelTransformer\n  metadata: {name: inline}\n  labels: {inline: 'yes'}\n"
        + "  fieldSpecs: [{path: metadata/labels, create: true}]\n");

    assertThat(out.get("ConfigMap/web-config").labels()).containsEntry("inline", "yes");
  }

  @Test
  void kustomizationFieldsRunFirstThenTransformersInListedOrder() {
    Map<String, Manifest> out = render("resources: [app.yaml]\nnamePrefix: field-\ntransformers: [p.yaml, r.yaml]\n",
        "p.yaml", "apiVersion: builtin\nkind: PrefixTransformer\nmetadata: {name: p}\nprefix: plugin-\n"
            + "fieldSpecs: [{path: metadata/name}]\n",
        "r.yaml", """
            apiVersion: builtin
            kind: ReplacementTransformer
            metadata: {name: r}
            replacements:
            - source: {kind: Service, fieldPath: metadata.name}
              targets: [{select: {kind: ConfigMap}, fieldPaths: [data.service], options: {create: true}}]
            """);

    assertThat(out).containsKey("Service/plugin-field-web");
    assertThat(at(out.get("ConfigMap/plugin-field-web-config"), "data", "service")).isEqualTo("plugin-field-web");
  }

  @Test
  void provenanceNamesTheTransformerFileAndKind() {
    git.commit().add("app/app.yaml", APP)
        .add("app/kustomization.yaml", transformers("labels.yaml"))
        .add("app/labels.yaml", "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: team}\n"
            + "labels: {team: a}\nfieldSpecs: [{path: metadata/labels, kind: Service, create: true}]\n")
        .call();

    KustomizeResult result = KustomizeRenderer.create()
        .renderWithProvenance(git.source().fetch(GitRef.branch("main"), "app"));

    assertThat(result.provenance().get(ObjectKey.of("v1", "Service", null, "web")).transformations())
        .containsExactly("app/kustomization.yaml: transformers: app/labels.yaml (LabelTransformer 'team')");
    assertThat(result.provenance().get(ObjectKey.of("v1", "ConfigMap", null, "web-config")).transformations())
        .isEmpty();
  }

  @Test
  void nonBuiltinTransformersAreRefusedNamingFileAndKind() {
    fails(transformers("exec.yaml"), "transformers: app/exec.yaml (ChartInflator 'x'): only built-in transformers",
        "exec.yaml", "apiVersion: someteam.example.com/v1\nkind: ChartInflator\nmetadata: {name: x}\n");
  }

  @Test
  void unsupportedBuiltinsAndMisplacedKindsAreErrorsNamingFileAndKind() {
    fails(transformers("s.yaml"), "transformers: app/s.yaml (SortOrderTransformer 's'): SortOrderTransformer is not",
        "s.yaml", "apiVersion: builtin\nkind: SortOrderTransformer\nmetadata: {name: s}\n");
    fails(transformers("h.yaml"), "transformers: app/h.yaml (HashTransformer 'h'): 'HashTransformer' is not a built-in",
        "h.yaml", "apiVersion: builtin\nkind: HashTransformer\nmetadata: {name: h}\n");
    fails(transformers("g.yaml"), "transformers: app/g.yaml (ConfigMapGenerator 'g'): ConfigMapGenerator is a generator",
        "g.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: g}\n");
    fails("resources: [app.yaml]\ngenerators: [l.yaml]\n",
        "generators: app/l.yaml (LabelTransformer 'l'): LabelTransformer is a transformer",
        "l.yaml", "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\n");
  }

  @Test
  void configurationErrorsNameFileKindAndField() {
    fails(transformers("l.yaml"), "(LabelTransformer 'l'): field 'fieldspecs' is not a field of LabelTransformer",
        "l.yaml", "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\nfieldspecs: []\n");
    fails(transformers("l.yaml"), "(LabelTransformer 'l'): 'labels.n' must be a string",
        "l.yaml", "apiVersion: builtin\nkind: LabelTransformer\nmetadata: {name: l}\nlabels: {n: {a: b}}\n");
    fails(transformers("p.yaml"), "transformers: app/p.yaml (PrefixTransformer 'p'): fieldSpecs is required",
        "p.yaml", "apiVersion: builtin\nkind: PrefixTransformer\nmetadata: {name: p}\nprefix: x-\n");
    fails(transformers("r.yaml"), "(ReplicaCountTransformer 'r'): no object named 'nope'",
        "r.yaml", "apiVersion: builtin\nkind: ReplicaCountTransformer\nmetadata: {name: r}\n"
            + "replica: {name: nope, count: 2}\nfieldSpecs: [{path: spec/replicas}]\n");
    fails(transformers("n.yaml"), "(NamespaceTransformer 'n'): setRoleBindingSubjects must be",
        "n.yaml", "apiVersion: builtin\nkind: NamespaceTransformer\nmetadata: {name: n, namespace: x}\n"
            + "setRoleBindingSubjects: some\n");
    fails(transformers("j.yaml"), "(PatchJson6902Transformer 'j'): target needs a name",
        "j.yaml", "apiVersion: builtin\nkind: PatchJson6902Transformer\nmetadata: {name: j}\ntarget: {kind: Service}\n"
            + "jsonOp: '[]'\n");
    fails(transformers("i.yaml"), "(ImageTagTransformer 'i'): imageTag needs a name",
        "i.yaml", "apiVersion: builtin\nkind: ImageTagTransformer\nmetadata: {name: i}\nimageTag: {newTag: '2'}\n");
  }

  @Test
  void errorsOfTheSharedOperationsNameTheConfiguration() {
    fails(transformers("p.yaml"), "transformers: app/p.yaml (PatchTransformer 'p'): patch: file 'missing.yaml' does not exist",
        "p.yaml", "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\npath: missing.yaml\n");
    fails(transformers("p.yaml"), "(PatchTransformer 'p'): needs one of patch and path",
        "p.yaml", "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\n");
    fails(transformers("smp.yaml"), "(PatchStrategicMergeTransformer 'smp'): inline patch: no object matches",
        "smp.yaml", "apiVersion: builtin\nkind: PatchStrategicMergeTransformer\nmetadata: {name: smp}\n"
            + "patches: |\n  apiVersion: v1\n  kind: Secret\n  metadata: {name: nope}\n");
    fails(transformers("r.yaml"), "(ReplacementTransformer 'r'): replacement source ConfigMap 'nope' matches no object",
        "r.yaml", "apiVersion: builtin\nkind: ReplacementTransformer\nmetadata: {name: r}\n"
            + "replacements:\n- source: {kind: ConfigMap, name: nope}\n  targets: []\n");
    fails("resources: [app.yaml]\ngenerators: [g.yaml]\n",
        "generators: app/g.yaml (ConfigMapGenerator 'web-config'): ConfigMap 'web-config' is generated here but already exists",
        "g.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: web-config}\nliterals: [a=b]\n");
  }

  @Test
  void missingEntriesAndNamelessConfigurationsAreErrors() {
    fails(transformers("nope.yaml"), "transformers: 'nope.yaml' does not exist");
    fails(transformers("l.yaml"), "object has no apiVersion, kind or metadata.name",
        "l.yaml", "apiVersion: builtin\nkind: LabelTransformer\nlabels: {a: b}\n");
  }

  @Test
  void generatorProvenancePointsAtTheConfigurationFile() {
    git.commit().add("app/app.yaml", APP)
        .add("app/kustomization.yaml", "resources: [app.yaml]\ngenerators: [g.yaml]\n")
        .add("app/g.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: extra\n"
            + "options: {disableNameSuffixHash: true}\nliterals: [a=b]\n")
        .call();

    KustomizeResult result = KustomizeRenderer.create()
        .renderWithProvenance(git.source().fetch(GitRef.branch("main"), "app"));

    KustomizeProvenance p = result.provenance().get(ObjectKey.of("v1", "ConfigMap", null, "extra"));
    assertThat(p.generated()).isTrue();
    assertThat(p.source().path()).isEqualTo("app/g.yaml");
    assertThat(p.source().line()).isEqualTo(4);
    assertThat(Optional.ofNullable(p.changedBy())).isPresent();
  }
}
