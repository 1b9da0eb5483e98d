package dev.gitops.cli;

import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * JSON and YAML text of object trees and report maps, the same on every platform: two-space
 * indents, {@code \n} line ends, fields in insertion order, a final newline.
 */
final class Serialization {
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter JSON = JsonMapper.builder()
      .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
          .withObjectIndenter(INDENT)
          .withArrayIndenter(INDENT))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build()
      .writer();
  // Strings that read as numbers or booleans stay quoted: "8080" must not come back as 8080.
  // Long lines stay whole and multi-line strings (scripts, config files) stay literal blocks.
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  private Serialization() {}

  /** Pretty JSON of a tree of maps, lists and scalars, ending with a newline. */
  static String json(Object tree) {
    return JSON.writeValueAsString(tree) + "\n";
  }

  /** One YAML document (no {@code ---} marker), ending with a newline. */
  static String yaml(Map<String, ?> tree) {
    String text = YAML.writeValueAsString(tree);
    return text.endsWith("\n") ? text : text + "\n";
  }

  /** A value as it would appear in JSON, on one line: strings quoted, maps and lists compact. */
  static String inline(Object value) {
    return JsonMapper.shared().writeValueAsString(value);
  }
}
