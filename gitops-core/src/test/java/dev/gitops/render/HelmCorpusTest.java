package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus rendered by HelmRenderer alone (the comparison with helm is HelmCorpusOracleTest). */
class HelmCorpusTest {
  static List<HelmCorpus> cases() {
    return HelmCorpus.all();
  }

  @Test
  void theCorpusHasAtLeastTenCharts() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(10);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersWithEveryObjectTracedToAFileOfTheChart(HelmCorpus c) {
    Snapshot snapshot = c.snapshot();

    RenderResult result = c.renderer().render(snapshot);

    assertThat(result.objects()).isNotEmpty();
    Snapshot repo = HelmTestCharts.ofDirectory(c.dir());
    for (Manifest m : result.objects()) {
      assertThat(repo.isFile(m.source().path())).as("%s comes from a file", m).isTrue();
      // Objects of packaged subcharts are traced to the archive.
      assertThat(m.source().path()).as("%s comes from a template, CRD or chart archive", m)
          .containsAnyOf("/templates/", "/crds/", ".tgz");
    }
    assertThat(c.renderer().render(snapshot).objects()).isEqualTo(result.objects());
  }

  @Test
  void theOracleScriptBuildsTheHelmThatHelmJavaEmbeds() throws Exception {
    String script = Files.readString(Path.of("..", "tools", "helm-oracle.sh"));
    assertThat(script).contains("HELM_VERSION=" + HelmCorpusOracleTest.HELM_VERSION + "\n");
    assertThat(HelmRenderer.ARTIFACT).endsWith(":0.0.21"); // helm-java 0.0.21 embeds Helm v3.21.0
  }
}
