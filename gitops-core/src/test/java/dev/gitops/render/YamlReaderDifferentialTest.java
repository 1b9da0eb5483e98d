package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML reader built on snakeyaml-engine's events reads the same trees (values, their Java
 * types, document lines) as the earlier reader built on Jackson's YAML parser, on every YAML file
 * of the test resources and on generated scalars and structures; where they differ on purpose,
 * the case says so.
 */
class YamlReaderDifferentialTest {

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources"))) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList().stream();
    }
  }

  static List<String> scalars() {
    List<String> out = new ArrayList<>();
    for (String v : List.of("1", "-1", "+1", "0", "00", "007", "08", "0o17", "0x1F", "-0x1f", "0b101",
        "1_000", "1__0", "_1", "1.5", "-1.5", "1e3", "1E3", "1e-3", ".5", "5.", "1.0", "-0.0", "1.5e400",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "123456789012345678901234567890",
        ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", "nan", "inf", "Infinity",
        "true", "True", "TRUE", "tRue", "false", "False", "yes", "no", "on", "off", "y", "n", "Yes", "NO",
        "null", "Null", "NULL", "~", "nULL", "2024-01-01", "2024-01-01T10:00:00Z", "2024-1-1",
        "12:30", "1:20:30", "0.1.2", "1.2.3", "v1", "=", "<<", "-", ".", "+", "0x", "0o", "1e", "e3",
        "3.14.15", "1,000", "12e", "0777", "0o777", "0999", "+0", "-0", "0.", "1_0.5", "1.5_0")) {
      out.add(v);
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyTestResourceReadsTheSame(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    compare(file.toString(), content);
  }

  /**
   * Plain scalars the earlier reader left as strings and go-yaml v3 (kustomize's and Flux's
   * reader) types: the new reader follows go-yaml here, on purpose.
   */
  static final Map<String, Object> GO_YAML_FIXES = Map.ofEntries(
      Map.entry("+1", 1), Map.entry("+0", 0), Map.entry("08", 8L), Map.entry("0999", 999L),
      Map.entry("0x1F", 31), Map.entry("-0x1f", -31), Map.entry("1_000", 1000), Map.entry("1__0", 10),
      Map.entry(".5", 0.5), Map.entry("1_0.5", 10.5), Map.entry("1.5_0", 1.5),
      Map.entry("+.inf", Double.POSITIVE_INFINITY), Map.entry(".Inf", Double.POSITIVE_INFINITY),
      Map.entry(".INF", Double.POSITIVE_INFINITY), Map.entry(".NaN", Double.NaN),
      Map.entry("True", true), Map.entry("TRUE", true), Map.entry("False", false),
      Map.entry("Null", "null"), Map.entry("NULL", "null"),
      // Found by YamlQuirksOracleTest against kustomize: binary literals, and integers past
      // 64 bits (or below int64) become floats.
      Map.entry("0b101", 5), Map.entry("123456789012345678901234567890", 1.2345678901234568E29),
      Map.entry("-9223372036854775809", -9.223372036854776E18));

  @ParameterizedTest
  @MethodSource("scalars")
  void plainScalarsReadAsGoYamlReadsThem(String scalar) {
    if (GO_YAML_FIXES.containsKey(scalar)) {
      Object expected = GO_YAML_FIXES.get(scalar);
      Map<?, ?> doc = (Map<?, ?>) YamlDocuments.parse("s.yaml",
          ("a: " + scalar + "\nq: '" + scalar + "'\n").getBytes(StandardCharsets.UTF_8)).get(0).value();
      assertThat(doc.get("a")).isEqualTo("null".equals(expected) ? null : expected);
      assertThat(doc.get("q")).isEqualTo(scalar); // quoted: always the text
      return;
    }
    String doc = "a: " + scalar + "\nl:\n- " + scalar + "\n- [" + scalar + "]\nm: {k: " + scalar + "}\n"
        + "q: '" + scalar + "'\nd: \"" + scalar + "\"\n";
    compare("scalar.yaml", doc.getBytes(StandardCharsets.UTF_8));
  }

  private static void compare(String name, byte[] content) {
    Object expected;
    try {
      expected = view(JacksonYamlDocuments.parse(name, content));
    } catch (RuntimeException e) {
      expected = "error " + e.getClass().getSimpleName();
    }
    Object actual;
    try {
      actual = view(YamlDocuments.parse(name, content));
    } catch (RuntimeException e) {
      actual = "error " + e.getClass().getSimpleName();
    }
    assertThat(actual).as(name).isEqualTo(expected);
  }

  /** Values with their Java types, and document lines. */
  private static Object view(List<?> docs) {
    List<Object> out = new ArrayList<>();
    for (Object d : docs) {
      Object value = d instanceof YamlDocuments.Document y ? y.value() : ((JacksonYamlDocuments.Document) d).value();
      int line = d instanceof YamlDocuments.Document y ? y.location().line()
          : ((JacksonYamlDocuments.Document) d).location().line();
      out.add(List.of(line, typed(value)));
    }
    return out;
  }

  private static Object typed(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, typed(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(YamlReaderDifferentialTest::typed).toList();
    }
    if (v instanceof byte[] b) {
      return "bytes " + java.util.Arrays.toString(b);
    }
    return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
  }
}
