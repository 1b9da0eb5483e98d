package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kustomize's helmCharts through the embedded Helm (the comparison with kustomize is the corpus). */
class HelmChartsTest {
  private static final String CHART = "apiVersion: v2\nname: web\nversion: 0.1.0\n";
  private static final String TEMPLATE = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ .Release.Name }}-cm
        namespace: {{ .Release.Namespace }}
      data:
        color: {{ .Values.color | quote }}
        size: {{ .Values.size | quote }}
      """;
  private final InMemoryGitRepository git = InMemoryGitRepository.create("hc");

  private Snapshot snapshot(String path) {
    return git.source().fetch(GitRef.branch("main"), path);
  }

  private List<Manifest> render(String kustomization) {
    git.commit()
        .add("app/kustomization.yaml", kustomization)
        .add("app/charts/web/Chart.yaml", CHART)
        .add("app/charts/web/values.yaml", "color: red\nsize: small\n")
        .add("app/charts/web/templates/cm.yaml", TEMPLATE)
        .add("app/prod.yaml", "size: large\n")
        .call();
    return KustomizeRenderer.create().render(snapshot("app")).objects();
  }

  @Test
  void inflatesAVendoredChartWithInlineAndAdditionalValuesThenTransformsIt() {
    Manifest cm = render("""
        namePrefix: p-
        helmCharts:
        - name: web
          releaseName: shop
          namespace: shop
          valuesInline: {color: blue}
          additionalValuesFiles: [prod.yaml]
        """).get(0);

    assertThat(cm.name()).isEqualTo("p-shop-cm");
    assertThat(cm.namespace()).isEqualTo("shop");
    assertThat(cm.get("data", "color")).contains("blue");
    assertThat(cm.get("data", "size")).contains("large");
    assertThat(cm.source().path()).isEqualTo("app/charts/web/templates/cm.yaml");
  }

  @Test
  void aChartThatWouldBeDownloadedIsAnErrorNamingIt() {
    assertThatThrownBy(() -> render("helmCharts:\n- name: other\n  repo: https://charts.example.com\n  releaseName: r\n"))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("app/kustomization.yaml: helmCharts 'other': no chart at 'app/charts/other'")
        .hasMessageContaining("would download it from https://charts.example.com");
  }

  @Test
  void entriesKustomizeWouldRenderDifferentlyOrWeCannotAreErrors() {
    assertThatThrownBy(() -> render("helmCharts:\n- name: web\n"))
        .hasMessageContaining("helmCharts 'web': releaseName is required here");
    assertThatThrownBy(() -> render("helmCharts:\n- name: web\n  releaseName: r\n  apiVersions: [x/v1]\n"))
        .hasMessageContaining("'apiVersions' is not supported");
    assertThatThrownBy(() -> render("helmCharts:\n- name: web\n  releaseName: r\n  valuesMerge: deep\n"))
        .hasMessageContaining("valuesMerge must be one of [merge, override, replace], was 'deep'");
  }

  @Test
  void valuesMergeAsKustomize() {
    Map<String, Object> file = Map.of("a", Map.of("x", 1, "y", 2), "l", List.of(1), "keep", "f");
    Map<String, Object> inline = new HashMap<>(Map.of("a", Map.of("x", 9), "l", List.of(2)));
    inline.put("keep", null);

    assertThat(HelmCharts.mergeValues(file, inline))
        .isEqualTo(Map.of("a", Map.of("x", 9, "y", 2), "l", List.of(2), "keep", "f"));
  }
}
