package dev.gitops.render;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Refuses YAML aliases ({@code *name}): the shared parser would read them as the alias's name
 * instead of the anchored value, which kustomize resolves, so a Kustomize build fails loudly
 * rather than render something else; package-private.
 */
final class YamlAliases {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlAliases() {}

  /** Throws {@link ManifestParseException} naming the line of the first alias in a YAML file. */
  static void check(String path, byte[] content) {
    if (path.endsWith(".json") || indexOf(content, (byte) '*') < 0) {
      return;
    }
    try (JsonParser p = FACTORY.createParser(tools.jackson.core.ObjectReadContext.empty(),
        new String(content, StandardCharsets.UTF_8))) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t.isScalarValue() && p instanceof YAMLParser yp && yp.isCurrentAlias()) {
          int line = Math.max(p.currentTokenLocation().getLineNr(), 0);
          int col = Math.max(p.currentTokenLocation().getColumnNr(), 0);
          throw new ManifestParseException(path, line, col,
              "YAML aliases (*" + p.getString() + ") are not supported; write the value out", null);
        }
      }
    } catch (JacksonException e) {
      // Syntax errors are reported by the parse that follows, with its own message.
    }
  }

  private static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
