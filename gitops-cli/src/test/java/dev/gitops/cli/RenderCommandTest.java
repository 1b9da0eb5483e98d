package dev.gitops.cli;

import static dev.gitops.cli.Cli.resource;
import static dev.gitops.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderCommandTest {
  private static String golden(String name) throws IOException {
    return Files.readString(Path.of(resource("golden/" + name)), StandardCharsets.UTF_8);
  }

  @Test
  void rendersADirectoryAsYamlDocuments() throws IOException {
    Cli.Result r = run("render", resource("shop"));

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(golden("render-shop.yaml"));
  }

  @Test
  void rendersJsonWithProvenance() throws IOException {
    Cli.Result r = run("render", "-o", "json", "--show-source", resource("shop"));

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(golden("render-shop-sources.json"));
  }

  @Test
  void jsonIsAKubernetesListOfTheRenderedObjects() {
    Map<String, Object> list = run("render", "--output=JSON", resource("shop")).json();

    assertThat(list).containsEntry("apiVersion", "v1").containsEntry("kind", "List");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) list.get("items");
    assertThat(items).extracting(i -> i.get("kind")).containsExactly("ConfigMap", "Namespace", "Deployment", "Service");
    assertThat(items).allSatisfy(i -> assertThat(i).doesNotContainKey("source"));
  }

  @Test
  void yamlProvenanceNamesFileAndLineOfEachDocument() {
    String out = run("render", "--show-source", resource("shop")).out();

    // The Service is the second document of web.yaml, starting on line 28.
    assertThat(out).contains("---\n# source: web.yaml:28\napiVersion: v1\nkind: Service\n");
    assertThat(out).startsWith("# source: config.yaml:1\n");
  }

  @Test
  void stringsThatReadAsNumbersOrBooleansStayStrings() {
    String out = run("render", resource("shop")).out();

    assertThat(out).contains("value: \"8080\"").contains("enabled: \"true\"").contains("containerPort: 8080\n");
  }

  @Test
  void aKustomizationIsRenderedAsKustomizeWouldReachingItsBaseThroughRoot() {
    Cli.Result r = run("render", resource("overlay/prod"), "--root", resource("overlay"), "--show-source");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("name: prod-web-config").contains("env: prod")
        .contains("# source: base/config.yaml:1 via prod/kustomization.yaml");
  }

  @Test
  void aBaseAboveTheDirectoryWithoutRootIsOneErrorLineWithAHint() {
    Cli.Result r = run("render", resource("overlay/prod"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: cannot render ").contains("give --root DIR").contains("../base")
        .hasLineCount(1);
  }

  @Test
  void aDirectoryOutsideRootIsRefused() {
    Cli.Result r = run("render", resource("shop"), "--root", resource("overlay"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).contains("is not inside --root").hasLineCount(1);
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Cli.Result r = run("render", "-o", "xml", resource("shop"));

    assertThat(r.code()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err()).startsWith("error: ").contains("xml").contains("gitops render --help").hasLineCount(1);
  }
}
