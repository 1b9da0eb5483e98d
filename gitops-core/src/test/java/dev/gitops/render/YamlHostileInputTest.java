package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile or broken YAML and JSON: each is refused with a typed error naming where. */
class YamlHostileInputTest {

  private static List<YamlDocuments.Document> parse(String path, String text) {
    return YamlDocuments.parse(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aliasesToOneLargeScalarAreCountedInBytes() {
    StringBuilder b = new StringBuilder("big: &big " + "x".repeat(100_000) + "\nlist:\n");
    for (int i = 0; i < 2_000; i++) {
      b.append("- *big\n");
    }
    assertThatThrownBy(() -> parse("bomb.yaml", b.toString()))
        .isInstanceOfSatisfying(ManifestLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo("maxDocumentBytes");
          assertThat(e.path()).isEqualTo("bomb.yaml");
        });
  }

  @Test
  void aliasesCannotNestPastTheDepthLimit() {
    StringBuilder b = new StringBuilder("a: &a ");
    b.append("[".repeat(300)).append("x").append("]".repeat(300)).append("\nb: ");
    b.append("[".repeat(300)).append("*a").append("]".repeat(300)).append("\n");

    assertThatThrownBy(() -> parse("deep.yaml", b.toString()))
        .isInstanceOfSatisfying(ManifestParseException.class, e -> {
          assertThat(e.getMessage()).contains("nesting deeper than 500");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isPositive();
        });
  }

  @Test
  void aFileOverTheFileLimitIsRefusedBeforeItIsDecoded() {
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    assertThatThrownBy(() -> YamlDocuments.parse("huge.yaml", big, null,
        YamlLimits.DEFAULTS.withMaxFileBytes(1024 * 1024)))
        .isInstanceOfSatisfying(ManifestLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxFileBytes"));
  }

  @Test
  void treesDeeperThanTheLimitAreRefusedWhateverBuiltThem() {
    Map<String, Object> deep = new java.util.LinkedHashMap<>();
    Map<String, Object> cur = deep;
    for (int i = 0; i < 5_000; i++) {
      Map<String, Object> next = new java.util.LinkedHashMap<>();
      cur.put("a", next);
      cur = next;
    }
    Map<String, Object> object = new java.util.LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap",
        "metadata", Map.of("name", "deep")));
    object.put("data", deep);
    assertThatThrownBy(() -> dev.gitops.model.Manifest.of(object, dev.gitops.model.SourceLocation.unknown()))
        .isInstanceOf(dev.gitops.model.InvalidManifestException.class).hasMessageContaining("nesting deeper than 500");
  }

  @Test
  void aDocumentJustUnderTheDepthLimitRendersDiffsAndPrintsItsPatch() {
    String nested = "[".repeat(490) + "1" + "]".repeat(490);
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: n}\ndata:\n  x: &x " + nested
        + "\n  y: [*x]\n";
    dev.gitops.model.Manifest m = PlainRenderer.strict().render(dev.gitops.fuzz.FuzzInput.snapshot("d.yaml", yaml))
        .objects().get(0);
    dev.gitops.diff.ResourceDiff d = dev.gitops.diff.Differ.of(dev.gitops.cluster.SchemaTable.builtIn(),
        dev.gitops.diff.DiffOptions.defaults()).diff(m, java.util.Optional.empty());
    assertThat(d.jsonPatch()).isNotEmpty();
    assertThat(d.unifiedDiff()).isNotEmpty();
  }

  @Test
  void nestingTooDeepIsRefusedWithItsPosition() {
    String text = "a: 1\nb: " + "[".repeat(600) + "]".repeat(600) + "\n";
    assertThatThrownBy(() -> parse("deep.yaml", text))
        .isInstanceOfSatisfying(ManifestParseException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isGreaterThan(500);
        });
  }

  @Test
  void invalidUtf8IsRefusedWithLineAndColumnNotReplaced() {
    byte[] content = "a: 1\nb: caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    byte[] broken = java.util.Arrays.copyOf(content, content.length);
    broken[12] = (byte) 0xff; // inside the second line
    assertThatThrownBy(() -> YamlDocuments.parse("bad.yaml", broken))
        .isInstanceOfSatisfying(ManifestParseException.class, e -> {
          assertThat(e.getMessage()).contains("invalid UTF-8");
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(7); // the sequence starting at the broken character
        });
  }

  @Test
  void aReplacementCharacterWrittenInTheFileIsTextButAnInvalidByteInAsciiIsRefused() {
    Map<?, ?> doc = (Map<?, ?>) YamlDocuments.parse("t.yaml", "a: x\uFFFDy\n".getBytes(StandardCharsets.UTF_8))
        .get(0).value();
    assertThat(doc.get("a")).isEqualTo("x\uFFFDy");
    byte[] ascii = "a: 1\nb: xy\n".getBytes(StandardCharsets.UTF_8);
    ascii[9] = (byte) 0x80; // one byte for one: as long as a replacement would be
    assertThatThrownBy(() -> YamlDocuments.parse("bad.yaml", ascii))
        .isInstanceOfSatisfying(ManifestParseException.class, e -> {
          assertThat(e.getMessage()).contains("invalid UTF-8");
          assertThat(e.line()).isEqualTo(2);
        });
  }

  @Test
  void duplicateKeysAreRefusedInYamlAndJson() {
    assertThatThrownBy(() -> parse("d.yaml", "metadata:\n  name: a\n  name: b\n"))
        .isInstanceOfSatisfying(ManifestParseException.class, e -> {
          assertThat(e.getMessage()).contains("duplicate key 'name'").contains("first at line 2");
          assertThat(e.line()).isEqualTo(3);
        });
    assertThatThrownBy(() -> parse("d.json", "{\"metadata\": {\"name\": \"a\", \"name\": \"b\"}}"))
        .isInstanceOf(ManifestParseException.class).hasMessageContaining("name");
  }

  @Test
  void nulCharactersAreRefusedWithTheirPosition() {
    assertThatThrownBy(() -> parse("nul.yaml", "a: 1\nb: x\u0000y\n"))
        .isInstanceOfSatisfying(ManifestParseException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.column()).isEqualTo(5);
          assertThat(e.getMessage()).contains("U+0000");
        });
  }

  @Test
  void tabsAfterAKeyAndAByteOrderMarkReadAsKubectlReadsThem() {
    Map<?, ?> doc = (Map<?, ?>) parse("t.yaml", "\uFEFFapiVersion: v1\nmetadata:\t\n  name: x\r\n").get(0).value();
    assertThat(doc.get("apiVersion")).isEqualTo("v1");
    assertThat(((Map<?, ?>) doc.get("metadata")).get("name")).isEqualTo("x");
  }
}
