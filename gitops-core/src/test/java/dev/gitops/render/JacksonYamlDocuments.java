package dev.gitops.render;

import dev.gitops.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.io.Reader;
import java.io.StringReader;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLFactoryBuilder;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * The YAML reader as it was before it was built on snakeyaml-engine events, kept as the oracle
 * of YamlReaderDifferentialTest. Splits YAML (multi-document) and JSON files into documents with their start lines, within
 * {@link YamlLimits}; package-private.
 *
 * <p>YAML trees are built here rather than by Jackson, which reads an alias ({@code *name}) as
 * the string {@code name}: aliases are expanded to a copy of their anchored value, within the
 * alias limits, and merge keys ({@code <<: *base}) are applied as kubectl does (keys written in
 * the mapping win).
 */
final class JacksonYamlDocuments {
  private static final String MERGE_KEY = "<<";
  // One mapper per document size limit (the parser's code-point limit is a factory setting).
  private static final Map<Integer, YAMLMapper> YAML = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private JacksonYamlDocuments() {}

  /** One parsed document: its value (map, list, scalar or null) and where it starts. */
  record Document(Object value, SourceLocation location) {}


  static List<Document> parse(String path, byte[] content) {
    return parse(path, content, null, YamlLimits.DEFAULTS);
  }

  static List<Document> parse(String path, byte[] content, Rewrite rewrite) {
    return parse(path, content, rewrite, YamlLimits.DEFAULTS);
  }

  private static YAMLMapper yaml(YamlLimits limits) {
    // Documents are read one after another from one parser, so what follows a value is expected.
    return YAML.computeIfAbsent(limits.maxDocumentBytes(), max -> YAMLMapper.builder(
            new AnchorFactory(YAMLFactory.builder()
                .loadSettings(LoadSettings.builder().setCodePointLimit(max).build())))
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build());
  }

  /**
   * Parses a file; with a rewrite, each YAML document's text is passed through it before parsing
   * (the rewrite gets the already parsed document to decide, and returns the new text).
   */
  static List<Document> parse(String path, byte[] content, Rewrite rewrite, YamlLimits limits) {
    if (path.endsWith(".json")) {
      if (content.length > limits.maxDocumentBytes()) {
        throw tooLarge(path, 1, content.length, limits);
      }
      return parseText(path, JSON, new String(content, StandardCharsets.UTF_8), 1, limits);
    }
    String text = new String(content, StandardCharsets.UTF_8);
    YAMLMapper yaml = yaml(limits);
    if (rewrite == null && content.length <= limits.maxDocumentBytes()) {
      return parseText(path, yaml, text, 1, limits);
    }
    // Document by document: each is checked against the size limit on its own.
    List<Document> out = new ArrayList<>();
    for (YamlDocuments.Chunk chunk : YamlDocuments.split(text)) {
      int size = chunk.text().getBytes(StandardCharsets.UTF_8).length;
      if (size > limits.maxDocumentBytes()) {
        throw tooLarge(path, chunk.firstLine(), size, limits);
      }
      List<Document> docs = parseText(path, yaml, chunk.text(), chunk.firstLine(), limits);
      String rewritten = rewrite != null && docs.size() == 1
          ? rewrite.apply(docs.get(0), chunk.text()) : chunk.text();
      out.addAll(rewritten.equals(chunk.text()) ? docs
          : parseText(path, yaml, rewritten, chunk.firstLine(), limits));
    }
    return out;
  }

  private static ManifestLimitException tooLarge(String path, int line, long size, YamlLimits limits) {
    return new ManifestLimitException(path, line, "maxDocumentBytes", limits.maxDocumentBytes(),
        "document of " + size + " bytes is too large");
  }

  /** Rewrites one document's text. */
  interface Rewrite {
    String apply(Document parsed, String text);
  }

  private static List<Document> parseText(String path, ObjectMapper mapper, String text,
      int firstLine, YamlLimits limits) {
    List<Document> out = new ArrayList<>();
    int offset = firstLine - 1;
    try (JsonParser p = mapper.createParser(new StringReader(text))) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = Math.max(p.currentTokenLocation().getLineNr(), 0) + offset;
        Object value;
        if (p instanceof YAMLParser yp) {
          value = new TreeReader(yp, path, line, offset, limits).read(t);
        } else {
          value = t == JsonToken.VALUE_NULL ? null : mapper.readValue(p, Object.class);
        }
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

  /** Builds one YAML document's tree from the token stream, expanding aliases within limits. */
  private static final class TreeReader {
    private final YAMLParser p;
    private final String path;
    private final int line;
    private final int offset;
    private final YamlLimits limits;
    private final Map<String, Object> anchors = new HashMap<>();
    private final Map<Object, Long> sizes = new IdentityHashMap<>();
    private int aliases;
    private long aliasNodes;

    TreeReader(YAMLParser p, String path, int line, int offset, YamlLimits limits) {
      this.p = p;
      this.path = path;
      this.line = line;
      this.offset = offset;
      this.limits = limits;
    }

    Object read(JsonToken t) {
      if (p.isCurrentAlias()) {
        return alias(p.getString());
      }
      // Jackson reports the anchors of collections, not those of scalars.
      String anchor = t.isScalarValue() && p instanceof AnchorParser ap ? ap.scalarAnchor
          : p.getObjectId();
      Object value = switch (t) {
        case START_OBJECT -> object();
        case START_ARRAY -> array();
        case VALUE_STRING -> p instanceof AnchorParser ap && ap.scalarPlain
            ? PlainScalars.resolve(p.getString()) : p.getString();
        case VALUE_NUMBER_INT -> p.getNumberValue();
        case VALUE_NUMBER_FLOAT -> PlainScalars.number(p.getDoubleValue());
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        case VALUE_NULL -> null;
        case VALUE_EMBEDDED_OBJECT -> p.getEmbeddedObject();
        default -> throw new ManifestParseException(path, location(), 0, "unexpected " + t, null);
      };
      if (anchor != null) {
        anchors.put(anchor, value);
      }
      return value;
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      List<Object> merges = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
        String key = p.currentName();
        Object value = read(p.nextToken());
        if (MERGE_KEY.equals(key) && (value instanceof Map || value instanceof List)) {
          merges.add(value);
        } else {
          map.put(key, value);
        }
      }
      // Keys written in the mapping win over merged ones, and earlier merged mappings over later.
      for (Object merge : merges) {
        for (Object m : merge instanceof List<?> l ? l : List.of(merge)) {
          if (!(m instanceof Map<?, ?> source)) {
            throw new ManifestParseException(path, location(), 0,
                "a merge key (<<) needs a mapping or a list of mappings", null);
          }
          source.forEach((k, v) -> map.putIfAbsent(String.valueOf(k), v));
        }
      }
      return map;
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        list.add(read(t));
      }
      return list;
    }

    private Object alias(String name) {
      if (!anchors.containsKey(name)) {
        throw new ManifestParseException(path, location(), 0, "undefined alias *" + name, null);
      }
      Object target = anchors.get(name);
      if (!(target instanceof Map || target instanceof List)) {
        return target; // scalars are immutable and cannot multiply
      }
      if (++aliases > limits.maxAliases()) {
        throw new ManifestLimitException(path, line, "maxAliases", limits.maxAliases(),
            "too many aliases to collections in one document");
      }
      aliasNodes += size(target);
      if (aliasNodes > limits.maxAliasNodes()) {
        throw new ManifestLimitException(path, line, "maxAliasNodes", limits.maxAliasNodes(),
            "aliases would copy more than " + limits.maxAliasNodes() + " nodes");
      }
      return copy(target);
    }

    /** Node count of a tree, memoized so that shared subtrees are counted without expanding. */
    private long size(Object v) {
      if (!(v instanceof Map || v instanceof List)) {
        return 1;
      }
      Long known = sizes.get(v);
      if (known != null) {
        return known;
      }
      long n = 1;
      for (Object child : v instanceof Map<?, ?> m ? m.values() : (List<?>) v) {
        n = Math.min(n + size(child), Long.MAX_VALUE / 2);
      }
      sizes.put(v, n);
      return n;
    }

    private static Object copy(Object v) {
      if (v instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
        return out;
      }
      if (v instanceof List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(x -> out.add(copy(x)));
        return out;
      }
      return v;
    }

    private int location() {
      return Math.max(p.currentTokenLocation().getLineNr(), 0) + offset;
    }
  }

  /** Makes {@link AnchorParser}s (for text read through a {@link Reader}, as parseText does). */
  private static final class AnchorFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    AnchorFactory(YAMLFactoryBuilder b) {
      super(b);
    }

    @Override
    public YAMLFactory copy() {
      return new AnchorFactory(rebuild());
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext read, IOContext io, Reader in) {
      return new AnchorParser(read, io, _getBufferRecycler(),
          read.getStreamReadFeatures(_streamReadFeatures),
          read.getFormatReadFeatures(_formatReadFeatures), _loadSettings, in);
    }
  }

  /** A YAML parser that also tells the anchor of the scalar just read. */
  private static final class AnchorParser extends YAMLParser {
    String scalarAnchor;
    boolean scalarPlain;

    AnchorParser(ObjectReadContext read, IOContext io, BufferRecycler recycler, int streamFeatures,
        int formatFeatures, LoadSettings settings, Reader in) {
      super(read, io, recycler, streamFeatures, formatFeatures, settings, in, false);
    }

    @Override
    protected Event nextEvent() {
      Event e = super.nextEvent();
      if (e instanceof ScalarEvent s) {
        scalarAnchor = s.getAnchor().map(a -> a.getValue()).orElse(null);
        scalarPlain = s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN;
      }
      return e;
    }
  }
}
