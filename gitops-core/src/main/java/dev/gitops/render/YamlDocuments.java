package dev.gitops.render;

import dev.gitops.model.SourceLocation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits YAML (multi-document) and JSON files into documents with their start lines, within
 * {@link YamlLimits}; package-private.
 *
 * <p>YAML is read from snakeyaml-engine's public (module-exported) event API and the trees are built here: aliases
 * ({@code *name}) are expanded to a copy of their anchored value within the alias limits (nodes,
 * and bytes of expanded text, so that aliases to one large scalar cannot multiply it either),
 * merge keys ({@code <<: *base}) are applied as kubectl does (keys written in the mapping win),
 * and unquoted scalars are typed as go-yaml v3 types them (see {@link #plain}). Duplicate keys,
 * invalid UTF-8, NUL characters and nesting deeper than {@link #MAX_DEPTH} are refused with the
 * file, line and column. JSON files are read with Jackson's public API, also refusing duplicate
 * keys.
 */
final class YamlDocuments {
  private static final String MERGE_KEY = "<<";
  /** The deepest nesting of mappings and sequences accepted, aliases expanded. */
  static final int MAX_DEPTH = 500;
  /** The JSON reader, built on first use: a YAML-only render (a command line's start-up) never pays for it. */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private Json() {}
  }
  private static final String YAML_TAG = "tag:yaml.org,2002:";
  /**
   * A block scalar header ({@code |}, {@code >-}, ...) after a key or dash with a tab in the
   * whitespace ending its line: go-yaml (kustomize, kubectl) reads it, snakeyaml-engine refuses the
   * tab, so the trailing whitespace goes (the line count and earlier columns stay).
   */
  private static final Pattern TAB_AFTER_BLOCK_HEADER =
      Pattern.compile("((?:^|[:\\-])[ \\t]+[|>][-+1-9]{0,2})[ \\t]*\\t[ \\t]*(\\r?)$", Pattern.MULTILINE);

  private YamlDocuments() {}

  /** One parsed document: its value (map, list, scalar or null) and where it starts. */
  record Document(Object value, SourceLocation location) {}

  /** One document's text and the file line it starts on (1-based). */
  record Chunk(String text, int firstLine) {}

  static List<Document> parse(String path, byte[] content) {
    return parse(path, content, null, YamlLimits.DEFAULTS);
  }

  static List<Document> parse(String path, byte[] content, Rewrite rewrite) {
    return parse(path, content, rewrite, YamlLimits.DEFAULTS);
  }

  /**
   * Parses a file; with a rewrite, each YAML document's text is passed through it before parsing
   * (the rewrite gets the already parsed document to decide, and returns the new text).
   */
  static List<Document> parse(String path, byte[] content, Rewrite rewrite, YamlLimits limits) {
    return parse(path, content, rewrite, limits, false, false);
  }

  /**
   * As {@link #parse(String, byte[], Rewrite, YamlLimits)}, for callers that only read the trees
   * and make manifests of them: a document the fast reader reads is a frozen tree already
   * ({@link dev.gitops.model.ObjectTree#frozenMap}), which {@link dev.gitops.model.Manifest#of}
   * takes without a copy. Others are mutable, as from {@code parse}.
   */
  static List<Document> parseToFreeze(String path, byte[] content, Rewrite rewrite, YamlLimits limits) {
    return parse(path, content, rewrite, limits, false, true);
  }

  /**
   * Parses a file as kustomize reads its resources: the values of the top-level
   * {@code metadata.annotations} are their source text whatever their YAML type or tag ({@code
   * version: 1.0} is {@code "1.0"}, {@code ~} is {@code "~"}, an empty value {@code ""}), as kustomize
   * writes them back; labels keep their types.
   */
  static List<Document> parseAsKustomize(String path, byte[] content) {
    return parse(path, content, null, YamlLimits.DEFAULTS, true, false);
  }

  private static List<Document> parse(String path, byte[] content, Rewrite rewrite, YamlLimits limits,
      boolean metadataText, boolean frozen) {
    if (content.length > limits.maxFileBytes()) {
      // Before decoding: a huge file costs no memory beyond its bytes.
      throw new ManifestLimitException(path, 1, "maxFileBytes", limits.maxFileBytes(),
          "file of " + content.length + " bytes is too large");
    }
    if (path.endsWith(".json")) {
      if (content.length > limits.maxDocumentBytes()) {
        throw tooLarge(path, 1, content.length, limits);
      }
      return parseJson(path, decode(path, content), limits);
    }
    if (rewrite == null && content.length <= limits.maxDocumentBytes()) {
      // The fast reader takes the bytes as they are, without a decoded copy.
      List<Document> fast = BlockYaml.tryParse(path, content, 1, metadataText, frozen);
      if (fast != null) {
        return fast;
      }
      String text = decode(path, content);
      // A byte-order mark, which decoding strips, is the one thing it gave up on that may be gone.
      return startsWithByteOrderMark(content)
          ? parseYaml(path, text, 1, limits, metadataText, frozen) : parseFull(path, text, 1, limits, metadataText);
    }
    String text = decode(path, content);
    // Document by document: each is checked against the size limit on its own.
    List<Document> out = new ArrayList<>();
    for (Chunk chunk : split(text)) {
      int size = chunk.text().getBytes(StandardCharsets.UTF_8).length;
      if (size > limits.maxDocumentBytes()) {
        throw tooLarge(path, chunk.firstLine(), size, limits);
      }
      List<Document> docs = parseYaml(path, chunk.text(), chunk.firstLine(), limits, metadataText, frozen);
      String rewritten = rewrite != null && docs.size() == 1
          ? rewrite.apply(docs.get(0), chunk.text()) : chunk.text();
      out.addAll(rewritten.equals(chunk.text()) ? docs
          : parseYaml(path, rewritten, chunk.firstLine(), limits, metadataText, frozen));
    }
    return out;
  }

  private static boolean startsWithByteOrderMark(byte[] content) {
    return content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB && content[2] == (byte) 0xBF;
  }

  /** UTF-8 text; invalid bytes are an error naming their line and column, never replaced. */
  private static String decode(String path, byte[] content) {
    // The lenient decoding is the JDK's fast one (for ASCII, which most manifests are, a vectorized
    // check and one copy). It replaces invalid bytes by U+FFFD: text holding that character goes
    // through the strict decoder, which finds them (or the character, written in the file).
    String lenient = new String(content, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient.startsWith("\uFEFF") ? lenient.substring(1) : lenient;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      String text = decoder.decode(ByteBuffer.wrap(content)).toString();
      // A byte-order mark starts many files written on Windows; go-yaml and kubectl skip it.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int bad = firstInvalidByte(content);
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (content[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String valid = new String(content, lineStart, bad - lineStart, StandardCharsets.UTF_8);
      throw new ManifestParseException(path, line, valid.length() + 1,
          "invalid UTF-8 (byte 0x" + String.format("%02x", content[bad] & 0xff) + " at offset " + bad + ")",
          e);
    }
  }

  private static boolean ascii(byte[] b) {
    // No early exit: a loop that only ORs is vectorized, and most files are ASCII throughout.
    int all = 0;
    for (byte x : b) {
      all |= x;
    }
    return all >= 0;
  }

  private static int firstInvalidByte(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2
          : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
      if (n < 0 || i + n >= b.length + (n == 0 ? 1 : 0) && n > 0) {
        return i;
      }
      for (int k = 1; k <= n; k++) {
        if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
          return i;
        }
      }
      // Overlongs, surrogates and values above U+10FFFF.
      if ((c == 0xe0 && (b[i + 1] & 0xff) < 0xa0) || (c == 0xed && (b[i + 1] & 0xff) > 0x9f)
          || (c == 0xf0 && (b[i + 1] & 0xff) < 0x90) || (c == 0xf4 && (b[i + 1] & 0xff) > 0x8f)) {
        return i;
      }
      i += n + 1;
    }
    return Math.max(0, b.length - 1);
  }

  private static ManifestLimitException tooLarge(String path, int line, long size, YamlLimits limits) {
    return new ManifestLimitException(path, line, "maxDocumentBytes", limits.maxDocumentBytes(),
        "document of " + size + " bytes is too large");
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

  private static List<Document> parseJson(String path, String text, YamlLimits limits) {
    List<Document> out = new ArrayList<>();
    try (JsonParser p = Json.MAPPER.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = Math.max(p.currentTokenLocation().getLineNr(), 0);
        Object value = t == JsonToken.VALUE_NULL ? null : Json.MAPPER.readValue(p, Object.class);
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

  private static List<Document> parseYaml(String path, String text, int firstLine, YamlLimits limits,
      boolean metadataText, boolean frozen) {
    List<Document> fast = BlockYaml.tryParse(path, text, firstLine, metadataText, frozen);
    return fast != null ? fast : parseFull(path, text, firstLine, limits, metadataText);
  }

  /** The full parser, for any YAML; {@link BlockYaml} reads the common subset faster. */
  static List<Document> parseFull(String path, String text, int firstLine, YamlLimits limits) {
    return parseFull(path, text, firstLine, limits, false);
  }

  static List<Document> parseFull(String path, String text, int firstLine, YamlLimits limits,
      boolean metadataText) {
    if (text.indexOf('\t') >= 0) {
      text = TAB_AFTER_BLOCK_HEADER.matcher(text).replaceAll("$1$2");
    }
    LoadSettings settings = LoadSettings.builder()
        .setCodePointLimit(Math.max(limits.maxDocumentBytes(), 1))
        .setLabel(path)
        .build();
    int offset = firstLine - 1;
    // The parser and scanner packages are exported by snakeyaml-engine's module (its lowlevel
    // API package is not), so this works on the module path too.
    EventReader reader = new EventReader(new ParserImpl(settings, new StreamReader(settings, text)), path,
        offset, limits, metadataText);
    try {
      return reader.documents();
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      int line = m == null ? firstLine : m.getLine() + 1 + offset;
      int col = m == null ? 0 : m.getColumn() + 1;
      throw new ManifestParseException(path, line, col, problem(e), e);
    } catch (org.snakeyaml.engine.v2.exceptions.ReaderException e) {
      // A character YAML does not allow (NUL, other controls): its position is in code points.
      int line = 1;
      int col = 1;
      int cp = 0;
      for (int i = 0; i < text.length() && cp < e.getPosition(); i += Character.charCount(text.codePointAt(i)), cp++) {
        if (text.charAt(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      throw new ManifestParseException(path, line + offset, col, "special character U+"
          + String.format("%04X", e.getCodePoint()) + " is not allowed in YAML", e);
    } catch (YamlEngineException e) {
      throw new ManifestParseException(path, reader.line(), 0, e.getMessage(), e);
    } catch (dev.gitops.model.GitOpsException e) {
      throw e;
    } catch (RuntimeException e) {
      // The parser's own slips on malformed input (a NumberFormatException for a unicode escape cut short)
      // are still malformed input, never an error of the caller.
      throw new ManifestParseException(path, reader.line(), 0, "malformed YAML: " + e, e);
    }
  }

  /** The parser's problem without the excerpt of the file it appends. */
  private static String problem(MarkedYamlEngineException e) {
    String context = e.getContext();
    String problem = e.getProblem();
    return (context == null || context.isEmpty() ? "" : context + ", ")
        + (problem == null ? String.valueOf(e.getMessage()) : problem);
  }

  // ---- scalars ----

  /** An annotation value as kustomize keeps it: its text, whatever its tag ({@code ~} stays {@code "~"}). */
  static String annotationText(String v) {
    return v;
  }

  private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern HEX = Pattern.compile("[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*");
  private static final Pattern BINARY = Pattern.compile("[-+]?0b[01]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

  /**
   * The value of an unquoted, untagged scalar: null ({@code ~}, {@code null}, empty), booleans
   * ({@code true}/{@code false} in three spellings), integers (decimal, {@code 0x} hex, {@code
   * 0o} and {@code 0}-prefixed octal), floats ({@code .inf}, {@code .nan}, exponents; integral
   * values become integers, as JSON carries them), bare dates as timestamps at midnight UTC;
   * anything else is a string.
   */
  static Object plain(String v) {
    // The words below are short and start alike: other scalars skip the switch, which would hash them.
    Object word = v.length() <= 5 && (v.isEmpty() || "~nNtTfF.+-".indexOf(v.charAt(0)) >= 0) ? word(v) : v;
    if (word != v) {
      return word;
    }
    char c = v.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
      return v;
    }
    // Most scalars that start like a number are short decimal integers or plainly not numbers
    // ("25%", "500m", "1Gi"): both are answered without the patterns below, whose matchers were
    // a large part of a render's garbage.
    int decimals = 0;
    boolean other = false;
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch >= '0' && ch <= '9') {
        decimals++;
      } else if (!numeric(ch)) {
        return v;
      } else if (!(i == 0 && (ch == '-' || ch == '+'))) {
        other = true;
      }
    }
    if (!other && decimals > 0 && decimals <= 9 && (decimals == 1 || v.charAt(v.length() - decimals) != '0')) {
      return Integer.parseInt(v);
    }
    if (INT.matcher(v).matches()) {
      return integer(v.replace("_", ""), 10);
    }
    if (HEX.matcher(v).matches()) {
      String h = v.replace("_", "");
      boolean neg = h.startsWith("-");
      String digits = h.substring(h.indexOf('x') + 1);
      Object n = integer(digits, 16);
      return neg ? negate(n) : n;
    }
    if (BINARY.matcher(v).matches()) {
      // go-yaml v3 reads 0b literals as integers.
      Object n = integer(v.substring(v.indexOf('b') + 1), 2);
      return v.startsWith("-") ? negate(n) : n;
    }
    Object resolved = PlainScalars.resolve(v); // octal, dates
    if (resolved != v) {
      return resolved;
    }
    if (FLOAT.matcher(v).matches() && !v.equals(".") && !v.equals("-") && !v.equals("+")) {
      try {
        return PlainScalars.number(Double.parseDouble(v.replace("_", "")));
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return v;
  }

  /** The value of a special word (null, a boolean, infinity, not-a-number), or {@code v} itself. */
  private static Object word(String v) {
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      default:
        return v;
    }
  }

  /** Whether a character other than a digit can occur in a scalar that {@link #plain} reads as a number or date. */
  private static boolean numeric(char c) {
    return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == 'x' || c == 'o' || c == '_' || c == '+' || c == '-'
        || c == '.';
  }

  private static Object integer(String digits, int radix) {
    java.math.BigInteger b = new java.math.BigInteger(digits, radix);
    if (b.bitLength() < 32) {
      return b.intValue();
    }
    if (b.bitLength() < 64) {
      return b.longValue();
    }
    // As go-yaml v3: past int64 an unsigned 64-bit integer, past that a float.
    return b.signum() > 0 && b.bitLength() == 64 ? b : (Object) b.doubleValue();
  }

  private static Object negate(Object n) {
    if (n instanceof Integer i) {
      return -i;
    }
    if (n instanceof Long l) {
      return -l;
    }
    if (n instanceof Double d) {
      return -d;
    }
    // A negated unsigned 64-bit integer is below int64: a float, as go-yaml v3 reads it.
    return ((java.math.BigInteger) n).negate().doubleValue();
  }

  /** The value of a scalar with an explicit tag ({@code !!str 12}, {@code !!int "3"}). */
  private Object tagged(String tag, String v, Mark at, String path) {
    if (!tag.startsWith(YAML_TAG)) {
      return v; // local and application tags carry no meaning for Kubernetes objects
    }
    String name = tag.substring(YAML_TAG.length());
    Object p = plain(v);
    return switch (name) {
      case "str" -> v;
      case "null" -> null;
      case "bool" -> p instanceof Boolean ? p : fail(at, path, "!!bool needs true or false, not '" + v + "'");
      case "int" -> p instanceof Integer || p instanceof Long || p instanceof java.math.BigInteger ? p
          : fail(at, path, "!!int needs an integer, not '" + v + "'");
      case "float" -> p instanceof Number ? p : fail(at, path, "!!float needs a number, not '" + v + "'");
      case "binary" -> java.util.Base64.getMimeDecoder().decode(v);
      default -> v;
    };
  }

  private Object fail(Mark at, String path, String problem) {
    throw new ManifestParseException(path, at == null ? 0 : at.getLine() + 1 + offset,
        at == null ? 0 : at.getColumn() + 1, problem, null);
  }

  // The offset of the current parse, for fail(); set by EventReader.
  private int offset;

  /** Builds the documents' trees from the event stream, expanding aliases within limits. */
  private static final class EventReader {
    private final Iterator<Event> events;
    private final String path;
    private final int offset;
    private final YamlLimits limits;
    /** Values under the root's metadata.labels and metadata.annotations as text (kustomize). */
    private final boolean metadataText;
    private final YamlDocuments scalars = new YamlDocuments();
    private Map<String, Object> anchors = new HashMap<>();
    private final Map<Object, long[]> sizes = new IdentityHashMap<>();
    private int aliases;
    private long aliasNodes;
    private long aliasBytes;
    private int documentLine;
    private int lastLine;

    EventReader(Iterator<Event> events, String path, int offset, YamlLimits limits, boolean metadataText) {
      this.metadataText = metadataText;
      this.events = events;
      this.path = path;
      this.offset = offset;
      this.limits = limits;
      scalars.offset = offset;
    }

    int line() {
      return lastLine;
    }

    private Event next() {
      Event e = events.next();
      e.getStartMark().ifPresent(m -> lastLine = m.getLine() + 1 + offset);
      return e;
    }

    List<Document> documents() {
      List<Document> out = new ArrayList<>();
      while (events.hasNext()) {
        Event e = next();
        if (e.getEventId() != Event.ID.DocumentStart) {
          continue; // stream start and end
        }
        anchors = new HashMap<>();
        sizes.clear();
        aliases = 0;
        aliasNodes = 0;
        aliasBytes = 0;
        Event root = next();
        documentLine = lineOf(root);
        Object value = node(root, 1, metadataText ? ROOT : NONE);
        out.add(new Document(value, new SourceLocation(path, documentLine)));
        next(); // DocumentEnd
      }
      return out;
    }

    private int lineOf(Event e) {
      return e.getStartMark().map(m -> m.getLine() + 1 + offset).orElse(lastLine);
    }

    private Object node(Event e, int depth) {
      return node(e, depth, NONE);
    }

    static final int NONE = 0;
    static final int ROOT = 1;
    static final int METADATA = 2;
    /** The annotations mapping itself; its values are {@link #TEXT}. */
    static final int LABELS = 4;
    static final int TEXT = 3;

    /** Where the value of {@code key} is, in a mapping at {@code at}. */
    static int childAt(int at, String key) {
      if (at == ROOT && key.equals("metadata")) {
        return METADATA;
      }
      if (at == LABELS) {
        return TEXT;
      }
      return at == METADATA && key.equals("annotations") ? LABELS : NONE;
    }

    /** Where a node is, for {@link #metadataText}: {@link #NONE}, {@link #ROOT}, {@link #METADATA} or {@link #TEXT}. */
    private Object node(Event e, int depth, int at) {
      if (at == TEXT && e instanceof ScalarEvent s) {
        String text = annotationText(s.getValue());
        s.getAnchor().ifPresent(a -> anchors.put(a.getValue(), text));
        return text;
      }
      if (e instanceof AliasEvent a) {
        return alias(a, depth);
      }
      Optional<Anchor> anchor = e instanceof NodeEvent n ? n.getAnchor() : Optional.empty();
      Object value;
      if (e instanceof ScalarEvent s) {
        value = scalar(s);
      } else if (e instanceof MappingStartEvent m) {
        value = mapping(m, depth, at);
      } else if (e instanceof SequenceStartEvent q) {
        value = sequence(q, depth);
      } else {
        throw new ManifestParseException(path, lineOf(e), 0, "unexpected " + e.getEventId(), null);
      }
      anchor.ifPresent(a -> anchors.put(a.getValue(), value));
      return value;
    }

    private Object scalar(ScalarEvent s) {
      String v = s.getValue();
      Optional<String> tag = s.getTag().filter(t -> !t.equals("!"));
      Mark at = s.getStartMark().orElse(null);
      if (tag.isPresent() && !s.getImplicit().canOmitTagInPlainScalar()
          && !s.getImplicit().canOmitTagInNonPlainScalar()) {
        return scalars.tagged(tag.get(), v, at, path);
      }
      if (tag.isPresent() && !tag.get().equals(YAML_TAG + "str")) {
        return scalars.tagged(tag.get(), v, at, path);
      }
      return s.getScalarStyle() == ScalarStyle.PLAIN && tag.isEmpty() ? plain(v) : v;
    }

    private void checkDepth(int depth, Event at) {
      if (depth > MAX_DEPTH) {
        Mark m = at.getStartMark().orElse(null);
        throw new ManifestParseException(path, m == null ? lastLine : m.getLine() + 1 + offset,
            m == null ? 0 : m.getColumn() + 1, "nesting deeper than " + MAX_DEPTH + " levels", null);
      }
    }

    private Map<String, Object> mapping(MappingStartEvent start, int depth, int at) {
      checkDepth(depth, start);
      Map<String, Object> map = new LinkedHashMap<>();
      Map<String, Mark> keyMarks = new HashMap<>();
      List<Object> merges = new ArrayList<>();
      Event e;
      while ((e = next()).getEventId() != Event.ID.MappingEnd) {
        Mark keyMark = e.getStartMark().orElse(null);
        String key = key(e, depth);
        Object value = node(next(), depth + 1, childAt(at, key));
        if (MERGE_KEY.equals(key) && (value instanceof Map || value instanceof List)) {
          merges.add(value);
          continue;
        }
        if (map.containsKey(key)) {
          Mark first = keyMarks.get(key);
          throw new ManifestParseException(path, keyMark == null ? lastLine : keyMark.getLine() + 1 + offset,
              keyMark == null ? 0 : keyMark.getColumn() + 1, "duplicate key '" + key + "'"
                  + (first == null ? "" : " (first at line " + (first.getLine() + 1 + offset) + ")"), null);
        }
        map.put(key, value);
        keyMarks.put(key, keyMark);
      }
      // Keys written in the mapping win over merged ones, and earlier merged mappings over later.
      for (Object merge : merges) {
        for (Object m : merge instanceof List<?> l ? l : List.of(merge)) {
          if (!(m instanceof Map<?, ?> source)) {
            throw new ManifestParseException(path, lastLine, 0,
                "a merge key (<<) needs a mapping or a list of mappings", null);
          }
          source.forEach((k, v) -> map.putIfAbsent(String.valueOf(k), v));
        }
      }
      return map;
    }

    /** A mapping key as text: keys are the scalar's text, as JSON object keys. */
    private String key(Event e, int depth) {
      if (e instanceof ScalarEvent s) {
        s.getAnchor().ifPresent(a -> anchors.put(a.getValue(), scalar(s)));
        return s.getValue();
      }
      if (e instanceof AliasEvent a) {
        Object v = alias(a, depth);
        if (v instanceof Map || v instanceof List) {
          throw new ManifestParseException(path, lineOf(e), 0, "a mapping key must be a scalar", null);
        }
        return String.valueOf(v);
      }
      throw new ManifestParseException(path, lineOf(e), e.getStartMark().map(m -> m.getColumn() + 1).orElse(0),
          "a mapping key must be a scalar, not a " + (e instanceof MappingStartEvent ? "mapping" : "sequence"),
          null);
    }

    private List<Object> sequence(SequenceStartEvent start, int depth) {
      checkDepth(depth, start);
      List<Object> list = new ArrayList<>();
      Event e;
      while ((e = next()).getEventId() != Event.ID.SequenceEnd) {
        list.add(node(e, depth + 1));
      }
      return list;
    }

    private Object alias(AliasEvent a, int depth) {
      String name = a.getAlias().getValue();
      if (!anchors.containsKey(name)) {
        throw new ManifestParseException(path, lineOf(a), 0, "undefined alias *" + name, null);
      }
      Object target = anchors.get(name);
      long[] size = size(target);
      aliasBytes += size[1];
      if (aliasBytes > limits.maxDocumentBytes()) {
        throw new ManifestLimitException(path, documentLine, "maxDocumentBytes", limits.maxDocumentBytes(),
            "aliases would expand the document by more than " + limits.maxDocumentBytes() + " bytes");
      }
      if (!(target instanceof Map || target instanceof List)) {
        return target; // immutable scalars are shared, counted by their bytes above
      }
      if (++aliases > limits.maxAliases()) {
        throw new ManifestLimitException(path, documentLine, "maxAliases", limits.maxAliases(),
            "too many aliases to collections in one document");
      }
      aliasNodes += size[0];
      if (aliasNodes > limits.maxAliasNodes()) {
        throw new ManifestLimitException(path, documentLine, "maxAliasNodes", limits.maxAliasNodes(),
            "aliases would copy more than " + limits.maxAliasNodes() + " nodes");
      }
      if (depth - 1 + size[2] > MAX_DEPTH) {
        checkDepth(depth - 1 + (int) Math.min(size[2], Integer.MAX_VALUE / 2), a);
      }
      return dev.gitops.model.ObjectTree.thawValue(target); // depth bounded by the check above
    }

    /**
     * Nodes, bytes of scalar text and depth of a tree, memoized so that shared subtrees are
     * counted without expanding them.
     */
    private long[] size(Object v) {
      if (!(v instanceof Map || v instanceof List)) {
        return new long[] {1, v instanceof String s ? s.length() : 8, 0};
      }
      long[] known = sizes.get(v);
      if (known != null) {
        return known;
      }
      long nodes = 1;
      long bytes = 2;
      long deepest = 0;
      if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          long[] c = size(e.getValue());
          nodes = sat(nodes + c[0]);
          bytes = sat(bytes + c[1] + String.valueOf(e.getKey()).length());
          deepest = Math.max(deepest, c[2]);
        }
      } else {
        for (Object x : (List<?>) v) {
          long[] c = size(x);
          nodes = sat(nodes + c[0]);
          bytes = sat(bytes + c[1]);
          deepest = Math.max(deepest, c[2]);
        }
      }
      long[] out = {nodes, bytes, deepest + 1};
      sizes.put(v, out);
      return out;
    }

    private static long sat(long x) {
      return x < 0 ? Long.MAX_VALUE / 2 : Math.min(x, Long.MAX_VALUE / 2);
    }
  }
}
