package dev.gitops.render;

import dev.gitops.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Splits YAML (multi-document) and JSON files into documents with their start lines; package-private. */
final class YamlDocuments {
  // Documents are read one after another from one parser, so what follows a value is expected.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private YamlDocuments() {}

  /** One parsed document: its value (map, list, scalar or null) and where it starts. */
  record Document(Object value, SourceLocation location) {}

  static List<Document> parse(String path, byte[] content) {
    ObjectMapper mapper = path.endsWith(".json") ? JSON : YAML;
    List<Document> out = new ArrayList<>();
    try (JsonParser p = mapper.createParser(content)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = Math.max(p.currentTokenLocation().getLineNr(), 0);
        Object value = t == JsonToken.VALUE_NULL ? null : mapper.readValue(p, Object.class);
        out.add(new Document(value, new SourceLocation(path, line)));
      }
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
      int col = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
      throw new ManifestParseException(path, line, col, e.getOriginalMessage(), e);
    }
    return out;
  }
}
