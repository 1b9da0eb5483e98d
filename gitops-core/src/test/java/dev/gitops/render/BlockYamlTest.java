package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.ObjectTree;
import dev.gitops.render.YamlDocuments.Document;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast block reader reads what it accepts exactly as the full parser does (same trees, same
 * document lines) and gives up on whatever the full parser refuses: over every YAML file of the
 * test corpora, and over many random small edits of them (a character deleted or inserted, a
 * line's indentation changed, a line doubled), which are where readers tend to disagree.
 */
class BlockYamlTest {
  private static final String EDIT_CHARS = " :-#'\"{}[]\t\r&*!|>%@,?\\\u00e9x0\u3000\u00a0\u4e2d";

  @Test
  void readsTheCorporaAsTheFullParserAndGivesUpOnWhatItRefuses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("src/test/resources"))) {
      files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
    int fast = 0;
    int compared = 0;
    Random random = new Random(42);
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      if (check(file.toString(), text)) {
        fast++;
      }
      compared++;
      for (int i = 0; i < 40; i++) {
        check(file + " (edit " + i + ")", edit(text, random));
        compared++;
      }
    }
    assertThat(files).hasSizeGreaterThan(100);
    // Not vacuous: most plain manifests take the fast path.
    assertThat(fast).as("files read by the fast reader, of %s", files.size()).isGreaterThan(files.size() / 3);
    assertThat(compared).isGreaterThan(4000);
  }

  @Test
  void givesUpOnWhatItDoesNotRead() {
    for (String text : List.of("a: 1 # note\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n",
        "a: [1, 2\n", "a: [1, 2,]\n", "a: {b: }\n", "a: {b: 1} # c\n", "a: [b: 1]\n", "a: {b:c: 1}\n",
        "a: \"x\\ty\"\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "a:\n\tb: 1\n", "a: 1\r\nb: 2\r\n",
        "--- a: 1\n", "%YAML 1.2\n---\na: 1\n", "a: b\n  c\n", "? a\n: b\n", "'a': 1\n")) {
      assertThat(BlockYaml.tryParse("t.yaml", text, 1)).as(text).isNull();
    }
  }

  @Test
  void givesUpOnDuplicateKeysInMappingsOfAnySizeFrozenOrNot() {
    for (int size : new int[] {2, 8, 9, 16, 17, 40}) {
      StringBuilder text = new StringBuilder("spec:\n");
      for (int i = 0; i < size - 1; i++) {
        text.append("  k").append(i).append(": ").append(i).append('\n');
      }
      String distinct = text + "  last: x\n";
      String duplicate = text + "  k" + ((size - 1) / 2) + ": again\n";
      for (boolean frozen : new boolean[] {false, true}) {
        assertThat(BlockYaml.tryParse("t.yaml", distinct, 1, false, frozen)).as(distinct).isNotNull();
        assertThat(BlockYaml.tryParse("t.yaml", duplicate, 1, false, frozen)).as(duplicate).isNull();
      }
    }
  }

  @Test
  void readsAnnotationValuesAsTheirTextWhenAskedAsKustomizeDoes() {
    String block = "metadata:\n  labels:\n    v: 1.5\n  annotations:\n    a: 0o17\n    n: +1\n    e:\n    z: ~\nspec:\n  x: 1.0\n";
    String flow = "metadata: # the full reader\n  labels: {v: 1.5}\n  annotations: {a: 0o17, n: +1, e: , z: ~}\nspec: {x: 1.0}\n";
    assertThat(BlockYaml.tryParse("t.yaml", flow, 1, true)).isNull();
    for (List<Document> docs : List.of(BlockYaml.tryParse("t.yaml", block, 1, true),
        YamlDocuments.parseFull("t.yaml", flow, 1, YamlLimits.DEFAULTS, true))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> root = (Map<String, Object>) docs.get(0).value();
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) root.get("metadata");
      assertThat(meta.get("labels")).as("labels keep their types").isEqualTo(Map.of("v", 1.5));
      assertThat(meta.get("annotations")).isEqualTo(Map.of("a", "0o17", "n", "+1", "e", "", "z", "~"));
      assertThat(((Map<?, ?>) root.get("spec")).get("x")).as("elsewhere typed").isInstanceOf(Number.class);
    }
  }

  @Test
  void readsBlockMappingsSequencesAndSimpleScalarsWithTheirDocumentLines() {
    String text = "# header\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {}\n"
        + "data:\n  port: \"8080\"\n  mode: 0755\n  on: yes\n  empty:\n  list:\n  - x\n  -   y: 1\n      z: null\n"
        + "---\n- 1.5\n- -2\n- 'q'\n- []\n";
    List<Document> docs = BlockYaml.tryParse("t.yaml", text, 10);
    assertThat(docs).isNotNull().hasSize(2);
    assertThat(docs).isEqualTo(YamlDocuments.parseFull("t.yaml", text, 10, YamlLimits.DEFAULTS));
    assertThat(docs.get(0).location().line()).isEqualTo(11);
    assertThat(docs.get(1).location().line()).isEqualTo(26);
  }

  @Test
  void readsOneLineFlowCollectionsAsTheFullParser() {
    String text = "metadata: {name: app-1, labels: {app: app-1, n: 1}, annotations: {a: 1, b: [x, 2]}}\n"
        + "spec:\n  ports: [{port: 80, targetPort: 8080}, { name: 'x y', url: http://h:1/p }]\n"
        + "  args: [--a, \"-b\", 0755, ~, true, 1.5, 2001-12-14]\n  - {a: {}}\n";
    for (boolean metadataText : List.of(false, true)) {
      String sequences = text.replace("  - {a: {}}\n", "  items:\n  - {a: {}}\n  - [[], {b: c}]\n");
      List<Document> docs = BlockYaml.tryParse("t.yaml", sequences, 1, metadataText);
      assertThat(docs).as("metadataText %s", metadataText).isNotNull()
          .isEqualTo(YamlDocuments.parseFull("t.yaml", sequences, 1, YamlLimits.DEFAULTS, metadataText));
    }
  }

  @Test
  void readsEmptyDocumentsAtTheLineOfWhatFollowsThem() {
    for (String text : List.of("a: 1\n---\n", "a: 1\n---", "---\n", "a: 1\n---\n# c\n\n", "a: 1\n---\n---\nb: 2\n")) {
      assertThat(BlockYaml.tryParse("t.yaml", text, 3)).as(text).isNotNull()
          .isEqualTo(YamlDocuments.parseFull("t.yaml", text, 3, YamlLimits.DEFAULTS));
    }
  }

  @Test
  void readsAFilesBytesAsTheFullParserReadsItsDecodedText() {
    String base = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app: web\ndata:\n"
        + "  k: 'v w'\n  q: \"a b\"\n  list:\n  - one\n  - two: 2\n";
    String[] inserts = {"\u00e9", "\u4e2d\u6587", "\u3000", "\u00a0", "\uD83D\uDE00", "\u0085", "\u2028", "\uFEFF",
        "\uFFFD", "\u00ff", "\u0800", "\uFFFF", "\uD7FF", "\uE000", " ", ":", "# ", "\n"};
    byte[][] malformed = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
        {(byte) 0x80}, {(byte) 0xF8}, {(byte) 0xC3}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90}};
    Random random = new Random(11);
    int fast = 0;
    int invalid = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder s = new StringBuilder(base);
      for (int e = random.nextInt(4); e > 0; e--) {
        s.insert(random.nextInt(s.length() + 1), inserts[random.nextInt(inserts.length)]);
      }
      if (random.nextInt(6) == 0) {
        s.insert(0, '\uFEFF');
      }
      byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(5) == 0) {
        byte[] bad = malformed[random.nextInt(malformed.length)];
        int at = random.nextInt(bytes.length + 1);
        byte[] spliced = new byte[bytes.length + bad.length];
        System.arraycopy(bytes, 0, spliced, 0, at);
        System.arraycopy(bad, 0, spliced, at, bad.length);
        System.arraycopy(bytes, at, spliced, at + bad.length, bytes.length - at);
        bytes = spliced;
      }
      String text = strictlyDecoded(bytes);
      if (text == null) {
        invalid++;
        byte[] file = bytes;
        assertThatThrownBy(() -> YamlDocuments.parse("t.yaml", file)).as(s.toString())
            .isInstanceOf(ManifestParseException.class).hasMessageContaining("UTF-8");
        assertThat(BlockYaml.tryParse("t.yaml", bytes, 1, false, false)).isNull();
        continue;
      }
      String decoded = text.startsWith("\uFEFF") ? text.substring(1) : text;
      List<Document> full;
      try {
        full = YamlDocuments.parseFull("t.yaml", decoded, 1, YamlLimits.DEFAULTS);
      } catch (ManifestParseException refused) {
        full = null;
      }
      List<Document> read = BlockYaml.tryParse("t.yaml", bytes, 1, false, false);
      if (read != null) {
        fast++;
        assertThat(full).as("the full parser refuses what the fast reader read:%n%s", decoded).isNotNull();
        assertThat(read).as(decoded).isEqualTo(full);
      }
      if (full != null) {
        assertThat(YamlDocuments.parse("t.yaml", bytes)).as(decoded).isEqualTo(full);
      }
    }
    // Not vacuous: many are read by the fast reader, and many are malformed.
    assertThat(fast).isGreaterThan(500);
    assertThat(invalid).isGreaterThan(300);
  }

  private static String strictlyDecoded(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Test
  void recurringShortValuesAreOneInstanceAcrossFiles() {
    String longValue = "x".repeat(40);
    Map<?, ?> a = (Map<?, ?>) BlockYaml.tryParse("a.yaml", "name: VAR_1\nvalue: \"128Mi\"\nlong: " + longValue + "\n", 1)
        .get(0).value();
    Map<?, ?> b = (Map<?, ?>) BlockYaml.tryParse("b.yaml", "other:\n  name: VAR_1\n  v: '128Mi'\n  long: " + longValue
        + "\n", 1).get(0).value();
    Map<?, ?> other = (Map<?, ?>) b.get("other");
    assertThat(other.get("name")).isEqualTo("VAR_1").isSameAs(a.get("name"));
    assertThat(other.get("v")).isEqualTo("128Mi").isSameAs(a.get("value"));
    assertThat(other.get("long")).isEqualTo(longValue).isNotSameAs(a.get("long"));
  }

  @Test
  void concurrentReadsEachReadTheirOwnFile() throws Exception {
    List<String> texts = List.of(
        "a: 1\nlist:\n- x\n- y: 2\n  z: [1, 2]\n",
        "kind: ConfigMap\nmetadata:\n  name: cm\ndata:\n" + "  k: v\n".repeat(1) + "  other: 'text'\n",
        "items:\n" + "- name: VAR\n  value: \"v\"\n".repeat(300) + "---\nsecond: doc\n");
    List<List<Document>> expected = texts.stream().map(t -> BlockYaml.tryParse("t.yaml", t, 1)).toList();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            int which = (i + offset) % texts.size();
            assertThat(BlockYaml.tryParse("t.yaml", texts.get(which), 1)).isEqualTo(expected.get(which));
          }
        }));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLineEndsAtItsLineFeedAndEveryByteOtherThanPrintableAsciiIsCheckedWhereverItStands() {
    for (int b = 0; b < 256; b++) {
      for (int at = 0; at < 24; at++) {
        byte[] line = "a".repeat(24).getBytes(StandardCharsets.US_ASCII);
        line[at] = (byte) b;
        int expected = b == '\n' ? at : b >= 0x20 && b < 0x7F ? 24 : -1; // a lone byte of 0x80 or more is malformed
        assertThat(BlockYaml.lineEnd(line, 0)).as("byte 0x%02x at %d", b, at).isEqualTo(expected);
      }
    }
    byte[] text = "ab\u00e9\u4e2d cd\nnext".getBytes(StandardCharsets.UTF_8);
    assertThat(BlockYaml.lineEnd(text, 0)).isEqualTo(text.length - 5);
    assertThat(BlockYaml.lineEnd(text, text.length - 4)).isEqualTo(text.length);
  }

  /** True when the fast reader read it (in both modes: label and annotation values typed, and as text). */
  private static boolean check(String what, String text) {
    boolean typed = check(what, text, false);
    boolean asText = check(what + " (metadata text)", text, true);
    assertThat(asText).as("%s: the fast reader takes the same inputs in both modes", what).isEqualTo(typed);
    return typed;
  }

  private static boolean check(String what, String text, boolean metadataText) {
    List<Document> full;
    RuntimeException refused = null;
    try {
      full = YamlDocuments.parseFull("t.yaml", text, 1, YamlLimits.DEFAULTS, metadataText);
    } catch (RuntimeException e) {
      full = null;
      refused = e;
    }
    List<Document> fast = BlockYaml.tryParse("t.yaml", text, 1, metadataText);
    if (fast == null) {
      return false;
    }
    assertThat(refused).as("%s: the full parser refuses what the fast reader read:%n%s", what, text).isNull();
    assertThat(fast).as("%s:%n%s", what, text).isEqualTo(full);
    if (!metadataText) {
      // Frozen trees, as the plain renderer reads them: what freezing the full parser's gives.
      List<Document> frozen = BlockYaml.tryParse("t.yaml", text, 1, false, true);
      assertThat(frozen).as("%s, frozen:%n%s", what, text).hasSameSizeAs(full);
      for (int i = 0; i < frozen.size(); i++) {
        Document d = frozen.get(i);
        assertThat(d.location()).isEqualTo(full.get(i).location());
        assertThat(d.value()).as("%s, frozen:%n%s", what, text)
            .isEqualTo(ObjectTree.freezeValue(full.get(i).value(), d.location()));
        if (d.value() instanceof Map<?, ?> m) {
          assertThat(ObjectTree.freeze(m, d.location())).isSameAs(m);
        }
      }
    }
    return true;
  }

  private static String edit(String text, Random random) {
    if (text.isEmpty()) {
      return "a: 1\n";
    }
    StringBuilder s = new StringBuilder(text);
    int at = random.nextInt(s.length());
    while (at > 0 && s.charAt(at) == '\n') {
      at--;
    }
    switch (random.nextInt(4)) {
      case 0 -> s.deleteCharAt(at);
      case 1 -> s.insert(at, EDIT_CHARS.charAt(random.nextInt(EDIT_CHARS.length())));
      case 2 -> {
        int lineStart = s.lastIndexOf("\n", at) + 1;
        if (random.nextBoolean()) {
          s.insert(lineStart, random.nextBoolean() ? " " : "  ");
        } else if (lineStart < s.length() && s.charAt(lineStart) == ' ') {
          s.deleteCharAt(lineStart);
        }
      }
      default -> {
        int lineStart = s.lastIndexOf("\n", at) + 1;
        int lineEnd = s.indexOf("\n", at);
        if (lineEnd < lineStart) {
          lineEnd = s.length();
        }
        s.insert(lineStart, s.substring(lineStart, lineEnd) + "\n");
      }
    }
    return s.toString();
  }
}
