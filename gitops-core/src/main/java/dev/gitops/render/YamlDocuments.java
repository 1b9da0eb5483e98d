package dev.gitops.render;

import dev.gitops.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Splits YAML (multi-document) and JSON files into documents with their start lines;
 * package-private.
 */
final class YamlDocuments {
  // Documents are read one after another from one parser, so what follows a value is expected.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private YamlDocuments() {}

  /** One parsed document: its value (map, list, scalar or null) and where it starts. */
  record Document(Object value, SourceLocation location) {}

  /** One document's text and the file line it starts on (1-based). */
  record Chunk(String text, int firstLine) {}

  static List<Document> parse(String path, byte[] content) {
    return parse(path, content, null);
  }

  /**
   * Parses a file; with a rewrite, each YAML document's text is passed through it before parsing
   * (the rewrite gets the already parsed document to decide, and returns the new text).
   */
  static List<Document> parse(String path, byte[] content, Rewrite rewrite) {
    if (path.endsWith(".json")) {
      return parseText(path, JSON, new String(content, StandardCharsets.UTF_8), 1);
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (rewrite == null) {
      return parseText(path, YAML, text, 1);
    }
    List<Document> out = new ArrayList<>();
    for (Chunk chunk : split(text)) {
      List<Document> docs = parseText(path, YAML, chunk.text(), chunk.firstLine());
      String rewritten = docs.size() == 1 ? rewrite.apply(docs.get(0), chunk.text()) : chunk.text();
      out.addAll(rewritten.equals(chunk.text()) ? docs
          : parseText(path, YAML, rewritten, chunk.firstLine()));
    }
    return out;
  }

  /** Rewrites one document's text. */
  interface Rewrite {
    String apply(Document parsed, String text);
  }

  /** Splits YAML text at document markers ({@code ---} at the start of a line). */
  static List<Chunk> split(String text) {
    List<Chunk> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    StringBuilder cur = new StringBuilder();
    int start = 1;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      boolean marker = l.equals("---") || l.startsWith("--- ") || l.startsWith("---\t")
          || l.equals("---\r");
      if (marker) {
        if (cur.length() > 0) {
          out.add(new Chunk(cur.toString(), start));
        }
        cur.setLength(0);
        start = i + 1; // keep the marker, so line numbers stay those of the file
        cur.append(l).append('\n');
      } else {
        cur.append(l);
        if (i < lines.length - 1) {
          cur.append('\n');
        }
      }
    }
    if (cur.length() > 0) {
      out.add(new Chunk(cur.toString(), start));
    }
    return out;
  }

  private static List<Document> parseText(String path, ObjectMapper mapper, String text, int firstLine) {
    List<Document> out = new ArrayList<>();
    int offset = firstLine - 1;
    try (JsonParser p = mapper.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = Math.max(p.currentTokenLocation().getLineNr(), 0) + offset;
        Object value = t == JsonToken.VALUE_NULL ? null : mapper.readValue(p, Object.class);
        out.add(new Document(value, new SourceLocation(path, line)));
      }
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0) + offset;
      int col = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
      throw new ManifestParseException(path, line, col, e.getOriginalMessage(), e);
    }
    return out;
  }
}
