package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import org.junit.jupiter.api.Test;

class RenderersTest {
  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";
  private static final String CHART = "apiVersion: v2\nname: demo\nversion: 0.1.0\n";

  private final Snapshot repo = HelmTestCharts.of(
      "plain/cm.yaml", CM,
      "chart/Chart.yaml", CHART, "chart/templates/cm.yaml", CM,
      "kust1/kustomization.yaml", "resources: [cm.yaml]\n",
      "kust2/kustomization.yml", "resources: [cm.yaml]\n",
      "kust3/Kustomization", "resources: [cm.yaml]\n",
      "both/Chart.yaml", CHART, "both/kustomization.yaml", "resources: []\n");

  @Test
  void choosesByTheFilesOfTheDirectory() {
    Renderers.Selector s = Renderers.defaults();

    assertThat(s.kindOf(repo.scope("plain")).name()).isEqualTo(Renderers.PLAIN);
    assertThat(s.kindOf(repo.scope("chart")).name()).isEqualTo(Renderers.HELM);
    assertThat(s.kindOf(repo.scope("kust1")).name()).isEqualTo(Renderers.KUSTOMIZE);
    assertThat(s.kindOf(repo.scope("kust2")).name()).isEqualTo(Renderers.KUSTOMIZE);
    assertThat(s.kindOf(repo.scope("kust3")).name()).isEqualTo(Renderers.KUSTOMIZE);
    // Kustomize wins over Helm: a kustomization may inflate the chart itself (helmCharts).
    assertThat(s.kindOf(repo.scope("both")).name()).isEqualTo(Renderers.KUSTOMIZE);
    assertThat(Renderers.forDirectory(repo.scope("plain"))).isInstanceOf(PlainRenderer.class);
    assertThat(Renderers.forDirectory(repo.scope("chart"))).isInstanceOf(HelmRenderer.class);
  }

  @Test
  void aSelectorIsARendererAndKindsCanBeConfiguredOrForced() {
    Renderers.Selector s = Renderers.builder()
        .use(Renderers.HELM, () -> HelmRenderer.builder().releaseName("shop").build())
        .build();

    assertThat(s.render(repo.scope("plain")).objects()).extracting(Manifest::name).containsExactly("cm");
    assertThat(s.render(repo.scope("chart")).objects()).extracting(Manifest::source)
        .extracting(l -> l.path()).containsExactly("chart/templates/cm.yaml");

    Renderers.Selector plainOnly = Renderers.builder().explicit(Renderers.PLAIN).build();
    assertThat(plainOnly.kindOf(repo.scope("chart")).name()).isEqualTo(Renderers.PLAIN);
    assertThatThrownBy(() -> Renderers.builder().explicit("jsonnet"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jsonnet");
  }

  @Test
  void addedKindsAreDetectedFirst() {
    Renderers.Kind jsonnet = new Renderers.Kind("jsonnet", d -> d.isFile("main.jsonnet"),
        PlainRenderer::strict);
    Renderers.Selector s = Renderers.builder().kind(jsonnet).build();

    assertThat(s.kinds()).extracting(Renderers.Kind::name)
        .containsExactly("jsonnet", Renderers.KUSTOMIZE, Renderers.HELM, Renderers.PLAIN);
    assertThat(s.kindOf(HelmTestCharts.of("main.jsonnet", "{}")).name()).isEqualTo("jsonnet");
  }

}
