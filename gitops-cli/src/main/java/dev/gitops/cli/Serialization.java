package dev.gitops.cli;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * JSON and YAML text of object trees and report maps, the same on every platform: two-space
 * indents, {@code \n} line ends, fields in insertion order, a final newline.
 *
 * <p>YAML of plain trees (maps, lists, strings, numbers, booleans, nulls: what the SDK's parsers
 * produce) is written with Jackson's streaming generator alone; Jackson's data binding, a few
 * hundred classes to load and set up, is built only when JSON or another value type is asked for.
 * A {@code render} starts that much faster.
 */
final class Serialization {
  // Strings that read as numbers or booleans stay quoted: "8080" must not come back as 8080.
  // Long lines stay whole and multi-line strings (scripts, config files) stay literal blocks.
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  private Serialization() {}

  /** Data binding, built on first use. */
  private static final class Binding {
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    static final ObjectWriter JSON = JsonMapper.builder()
        .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT))
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build()
        .writer();
    static final ObjectWriter YAML = new tools.jackson.dataformat.yaml.YAMLMapper(Serialization.YAML).writer();

    private Binding() {}
  }

  /** Pretty JSON of a tree of maps, lists and scalars, ending with a newline. */
  static String json(Object tree) {
    return Binding.JSON.writeValueAsString(tree) + "\n";
  }

  /** One YAML document (no {@code ---} marker), ending with a newline. */
  static String yaml(Map<String, ?> tree) {
    String text;
    if (plain(tree)) {
      StringWriter w = new StringWriter();
      try (JsonGenerator g = YAML.createGenerator(ObjectWriteContext.empty(), w)) {
        write(g, tree);
      }
      text = w.toString();
    } else {
      text = Binding.YAML.writeValueAsString(tree);
    }
    return text.endsWith("\n") ? text : text + "\n";
  }

  /** A value as it would appear in JSON, on one line: strings quoted, maps and lists compact. */
  static String inline(Object value) {
    return JsonMapper.shared().writeValueAsString(value);
  }

  /** Whether the tree holds only what {@link #write} writes as data binding would. */
  private static boolean plain(Object v) {
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (!plain(o)) {
          return false;
        }
      }
      return true;
    }
    return v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof BigInteger || v instanceof BigDecimal;
  }

  /** The generator calls data binding makes for the same value. */
  private static void write(JsonGenerator g, Object v) {
    if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        write(g, o);
      }
      g.writeEndArray();
    } else if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long n) {
      g.writeNumber(n);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof BigInteger n) {
      g.writeNumber(n);
    } else {
      g.writeNumber((BigDecimal) v);
    }
  }
}
