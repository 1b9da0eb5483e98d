package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlLimitsTest {
  private static List<YamlDocuments.Document> parse(String yaml, YamlLimits limits) {
    return YamlDocuments.parse("dir/f.yaml", yaml.getBytes(StandardCharsets.UTF_8), null, limits);
  }

  /** A "billion laughs": each level lists the previous one ten times. */
  private static String bomb(int levels, int width) {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
    sb.append("l0: &l0 [lol]\n");
    for (int i = 1; i <= levels; i++) {
      sb.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < width; j++) {
        sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  @Test
  void aliasesAreExpandedAndMergeKeysApplied() {
    String yaml = "base: &base {a: 1, b: 2}\nlist: &l [x, y]\ncopy: *base\nlists: [*l, *l]\n"
        + "merged:\n  <<: *base\n  b: 3\nname: &n plain\nagain: *n\n";

    Object doc = parse(yaml, YamlLimits.DEFAULTS).get(0).value();

    assertThat(doc).isEqualTo(Map.of("base", Map.of("a", 1, "b", 2), "list", List.of("x", "y"),
        "copy", Map.of("a", 1, "b", 2), "lists", List.of(List.of("x", "y"), List.of("x", "y")),
        "merged", Map.of("a", 1, "b", 3), "name", "plain", "again", "plain"));
  }

  @Test
  void aliasBombsAreRefused() {
    assertThatThrownBy(() -> parse(bomb(9, 10), YamlLimits.DEFAULTS))
        .isInstanceOf(ManifestLimitException.class).hasMessageContaining("dir/f.yaml:1");
  }

  @Test
  void tooManyAliasesAreRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [1]\n");
    for (int i = 0; i < 60; i++) {
      yaml.append("b").append(i).append(": *a\n");
    }
    assertThatThrownBy(() -> parse(yaml.toString(), YamlLimits.DEFAULTS))
        .isInstanceOfSatisfying(ManifestLimitException.class, e -> {
          assertThat(e.path()).isEqualTo("dir/f.yaml");
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.limit()).isEqualTo("maxAliases");
          assertThat(e.value()).isEqualTo(50);
        })
        .hasMessageContaining("dir/f.yaml:1");
  }

  @Test
  void aliasBombsWithFewAliasesAreRefusedByExpandedSize() {
    // 12 levels of 4: only 48 aliases, but 4^12 (16 million) copied nodes.
    assertThatThrownBy(() -> parse(bomb(12, 4), YamlLimits.DEFAULTS))
        .isInstanceOfSatisfying(ManifestLimitException.class,
            e -> assertThat(e.limit()).isEqualTo("maxAliasNodes"));
  }

  @Test
  void aDocumentOverTheSizeLimitIsRefusedNamingFileAndLine() {
    String small = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";
    String big = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata:\n  x: " + "y".repeat(2000) + "\n";
    YamlLimits limits = YamlLimits.DEFAULTS.withMaxDocumentBytes(1024);

    assertThat(parse(small + "---\n" + small, limits)).hasSize(2);
    assertThatThrownBy(() -> parse(small + "---\n" + big, limits))
        .isInstanceOfSatisfying(ManifestLimitException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.limit()).isEqualTo("maxDocumentBytes");
        })
        .hasMessageContaining("dir/f.yaml:4");
    assertThatThrownBy(() -> YamlDocuments.parse("big.json",
            ("{\"a\": \"" + "y".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8), null, limits))
        .isInstanceOf(ManifestLimitException.class).hasMessageContaining("big.json");
  }

  @Test
  void documentsLargerThanTheParsersDefaultCodePointLimitParse() {
    // snakeyaml refuses documents over 3 MiB by default; the limits raise that to 8 MiB.
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
    int keys = 0;
    while (yaml.length() < 4 * 1024 * 1024) {
      yaml.append("  key").append(keys++).append(": value-abcdefghijklmnopqrstuvwxyz\n");
    }

    List<YamlDocuments.Document> docs = parse(yaml.toString(), YamlLimits.DEFAULTS);

    assertThat((Map<?, ?>) ((Map<?, ?>) docs.get(0).value()).get("data")).hasSize(keys);
  }

  @Test
  void undefinedAndRecursiveAliasesAreParseErrors() {
    assertThatThrownBy(() -> parse("a: *nowhere\n", YamlLimits.DEFAULTS))
        .isInstanceOf(ManifestParseException.class).hasMessageContaining("undefined alias *nowhere");
    assertThatThrownBy(() -> parse("a: &x [1, *x]\n", YamlLimits.DEFAULTS))
        .isInstanceOf(ManifestParseException.class).hasMessageContaining("undefined alias *x");
  }

  @Test
  void renderersApplyTheirLimits() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {k: " + "v".repeat(600) + "}\n";
    var snapshot = HelmTestCharts.of("app/cm.yaml", cm, "app/bomb.yaml", bomb(9, 10));
    YamlLimits small = YamlLimits.DEFAULTS.withMaxDocumentBytes(512);

    assertThatThrownBy(() -> PlainRenderer.strict().render(snapshot.scope("app")))
        .isInstanceOf(ManifestLimitException.class).hasMessageContaining("app/bomb.yaml:1");
    assertThatThrownBy(() -> PlainRenderer.builder().limits(small).build().render(snapshot.scope("app")))
        .isInstanceOfSatisfying(ManifestLimitException.class,
            e -> assertThat(e.limit()).isEqualTo("maxDocumentBytes"))
        .hasMessageContaining("app/bomb.yaml");
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new YamlLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
