package dev.gitops.render;

import dev.gitops.model.SourceLocation;
import dev.gitops.render.YamlDocuments.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast reader for the YAML most manifests are written in: block mappings and sequences of
 * plain and simply quoted scalars, flow collections of those on one line ({@code ports: [{port:
 * 80}]}), with whole-line comments. It gives up (returns null) on anything else, and the full
 * parser reads the file: tabs, carriage returns, control characters, inline comments, anchors,
 * aliases, tags, block and multi-line scalars, escapes, flow collections over several lines or
 * with empty values, explicit keys or trailing commas, directives, merge keys, duplicate keys,
 * empty documents and very deep nesting. What it accepts it reads into the same trees and document lines as the full
 * parser (scalars typed by the same {@link YamlDocuments#plain} rules): {@code BlockYamlTest}
 * compares both over the corpora. Package-private.
 */
final class BlockYaml {
  private static final int MAX_DEPTH = 400;

  /** A content line: its file line number, indentation (spaces) and text after it, right-trimmed. */
  private record Line(int number, int indent, String content) {}

  private final List<Line> lines;
  private int pos;
  private int depth;

  private BlockYaml(List<Line> lines) {
    this.lines = lines;
  }

  /** The documents of {@code text}, or null where the full parser must read it. */
  static List<Document> tryParse(String path, String text, int firstLine) {
    return tryParse(path, text, firstLine, false);
  }

  /**
   * As {@link #tryParse(String, String, int)}; with {@code metadataText}, plain values under the
   * root's metadata.annotations are their text, as the full reader gives them then.
   */
  static List<Document> tryParse(String path, String text, int firstLine, boolean metadataText) {
    if (!plainText(text)) {
      return null;
    }
    List<Document> out = new ArrayList<>();
    List<Line> doc = new ArrayList<>();
    boolean explicit = false; // the current document began with a marker
    int number = firstLine;
    int start = 0;
    int length = text.length();
    while (start <= length) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      String raw = text.substring(start, end);
      if (raw.startsWith("---") || raw.startsWith("...") || raw.startsWith("%")) {
        if (!raw.equals("---")) {
          return null;
        }
        if (!finish(path, doc, explicit, out, metadataText, number)) {
          return null;
        }
        doc = new ArrayList<>();
        explicit = true;
      } else {
        int indent = 0;
        while (indent < raw.length() && raw.charAt(indent) == ' ') {
          indent++;
        }
        String content = raw.substring(indent).stripTrailing();
        if (!content.isEmpty() && content.charAt(0) != '#') {
          doc.add(new Line(number, indent, content));
        }
      }
      number++;
      start = end + 1;
    }
    // number is past the last line now: the stream ends on the line before.
    return finish(path, doc, explicit, out, metadataText, number - 1) ? out : null;
  }

  /**
   * Adds the document of {@code doc}; false to give up. A leading chunk of only comments is no
   * document; a document begun by a marker and holding nothing is null, at the line of what
   * follows it ({@code nextLine}: the next marker or the end), as the full parser places it
   * (files often end in {@code ---}).
   */
  private static boolean finish(String path, List<Line> doc, boolean explicit, List<Document> out,
      boolean metadataText, int nextLine) {
    if (doc.isEmpty()) {
      if (explicit) {
        out.add(new Document(null, new SourceLocation(path, nextLine)));
      }
      return true;
    }
    BlockYaml reader = new BlockYaml(doc);
    Object value;
    try {
      value = reader.block(doc.get(0).indent(), metadataText ? ROOT : NONE);
    } catch (GiveUp e) {
      return false;
    }
    if (reader.pos != doc.size()) {
      return false;
    }
    out.add(new Document(value, new SourceLocation(path, doc.get(0).number())));
    return true;
  }

  /** No character the full parser treats specially or refuses anywhere in the text. */
  private static boolean plainText(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 ? c != '\n' : (c >= 0x7F && c <= 0x9F) || c == '\uFEFF' || c >= '\uFFFE'
          || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Signals input this reader leaves to the full parser. */
  private static final class GiveUp extends RuntimeException {
    private static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  private static GiveUp giveUp() {
    return GiveUp.INSTANCE;
  }

  // Where a mapping is, for metadataText: the root, its metadata, or its labels or annotations.
  private static final int NONE = 0;
  private static final int ROOT = 1;
  private static final int METADATA = 2;
  private static final int LABELS = 3; // the annotations mapping
  private static final int TEXT = 4; // an annotation's value

  private static int childAt(int at, String key) {
    if (at == ROOT && key.equals("metadata")) {
      return METADATA;
    }
    if (at == LABELS) {
      return TEXT;
    }
    return at == METADATA && key.equals("annotations") ? LABELS : NONE;
  }

  private Object block(int indent, int at) {
    if (++depth > MAX_DEPTH) {
      throw giveUp();
    }
    Object value = isItem(lines.get(pos).content()) ? sequence(indent) : mapping(indent, at);
    depth--;
    return value;
  }

  private static boolean isItem(String content) {
    return content.equals("-") || content.startsWith("- ");
  }

  private Map<String, Object> mapping(int indent, int at) {
    Map<String, Object> map = new LinkedHashMap<>();
    while (pos < lines.size() && lines.get(pos).indent() == indent && !isItem(lines.get(pos).content())) {
      Line line = lines.get(pos);
      String content = line.content();
      int sep = separator(content);
      if (sep <= 0) {
        throw giveUp();
      }
      String key = content.substring(0, sep);
      if (!plainKey(key)) {
        throw giveUp();
      }
      String rest = sep + 1 >= content.length() ? "" : content.substring(sep + 2).stripLeading();
      pos++;
      Object value;
      if (rest.isEmpty()) {
        value = nested(indent, true, childAt(at, key));
      } else {
        value = rest.charAt(0) == '{' || rest.charAt(0) == '['
            ? flow(rest, childAt(at, key)) : scalar(rest, at == LABELS);
        noContinuation(indent);
      }
      if (map.containsKey(key)) {
        throw giveUp(); // the full parser names both lines
      }
      map.put(key, value);
    }
    return map;
  }

  private List<Object> sequence(int indent) {
    List<Object> list = new ArrayList<>();
    while (pos < lines.size() && lines.get(pos).indent() == indent && isItem(lines.get(pos).content())) {
      Line line = lines.get(pos);
      String content = line.content();
      if (content.equals("-")) {
        pos++;
        list.add(nested(indent, false, NONE));
        continue;
      }
      int spaces = 1;
      while (content.charAt(spaces) == ' ') {
        spaces++;
      }
      String item = content.substring(spaces);
      char head = item.charAt(0);
      if (isItem(item) || (head != '"' && head != '\'' && head != '{' && head != '[' && separator(item) > 0)) {
        // A mapping or sequence starting on the dash's line: read as if it started on a line of its own.
        lines.set(pos, new Line(line.number(), indent + spaces, item));
        list.add(block(indent + spaces, NONE));
      } else {
        pos++;
        list.add(scalar(item, false));
        noContinuation(indent);
      }
    }
    return list;
  }

  /** The value of a key or dash with nothing after it: a deeper block, a same-indent sequence for a key, or null. */
  private Object nested(int indent, boolean key, int at) {
    if (pos < lines.size()) {
      Line next = lines.get(pos);
      if (next.indent() > indent) {
        return block(next.indent(), at);
      }
      if (key && next.indent() == indent && isItem(next.content())) {
        return sequence(indent);
      }
    }
    return at == TEXT ? "" : null;
  }

  /** A scalar's next line must not be deeper: that would continue it over lines. */
  private void noContinuation(int indent) {
    if (pos < lines.size() && lines.get(pos).indent() > indent) {
      throw giveUp();
    }
  }

  /** Where a key ends: the first {@code ": "}, or a trailing colon; -1 if neither. */
  private static int separator(String content) {
    int i = content.indexOf(": ");
    if (i >= 0) {
      return i;
    }
    return content.endsWith(":") ? content.length() - 1 : -1;
  }

  private static boolean plainKey(String key) {
    // The full parser limits implicit keys to 1024 characters.
    if (key.isEmpty() || key.length() > 1000 || key.equals("<<") || indicator(key.charAt(0)) || key.charAt(0) == '-'
        || key.endsWith(" ")) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '#' || c == '"' || c == '\'' || c == '{' || c == '[' || c == ',' || c == '}' || c == ']') {
        return false;
      }
    }
    return true;
  }

  private static boolean indicator(char c) {
    return "[]{}#&*!|>'\"%@`,?:".indexOf(c) >= 0;
  }

  /** A flow collection that makes up the whole of {@code text}, at a place of the document. */
  private static Object flow(String text, int at) {
    Flow flow = new Flow(text);
    Object value = flow.value(at, 0);
    if (flow.i != text.length()) {
      throw giveUp();
    }
    return value;
  }

  /**
   * A flow collection on one line ({@code {name: web, labels: {app: web}}}, {@code [{port: 80}]}):
   * plain keys followed by {@code ": "}, plain scalars without {@code ": "}, {@code " #"} or a
   * colon before a flow indicator, simply quoted scalars and nested flow collections; anything
   * else (a flow collection over lines, empty values, explicit keys, comments) gives up.
   */
  private static final class Flow {
    private final String text;
    private int i;

    Flow(String text) {
      this.text = text;
    }

    Object value(int at, int depth) {
      if (depth > MAX_DEPTH) {
        throw giveUp();
      }
      char c = peek();
      if (c == '{') {
        return mapping(at, depth);
      }
      if (c == '[') {
        return sequence(depth);
      }
      return scalar(at == TEXT);
    }

    private Map<String, Object> mapping(int at, int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      i++;
      spaces();
      if (peek() == '}') {
        i++;
        return map;
      }
      while (true) {
        int start = i;
        int colon = text.indexOf(": ", start);
        if (colon < 0) {
          throw giveUp();
        }
        String key = text.substring(start, colon);
        if (!plainKey(key) || key.indexOf(':') >= 0) {
          throw giveUp();
        }
        i = colon + 2;
        spaces();
        char c = peek();
        if (c == ',' || c == '}') {
          throw giveUp(); // an empty value
        }
        Object value = value(childAt(at, key), depth + 1);
        if (map.containsKey(key)) {
          throw giveUp();
        }
        map.put(key, value);
        if (!next('}')) {
          return map;
        }
      }
    }

    private List<Object> sequence(int depth) {
      List<Object> list = new ArrayList<>();
      i++;
      spaces();
      if (peek() == ']') {
        i++;
        return list;
      }
      while (true) {
        char c = peek();
        if (c == ',' || c == ']') {
          throw giveUp();
        }
        list.add(value(NONE, depth + 1));
        if (!next(']')) {
          return list;
        }
      }
    }

    /** After an entry: true if another follows a comma, false at the closing bracket. */
    private boolean next(char close) {
      spaces();
      char c = peek();
      if (c == close) {
        i++;
        return false;
      }
      if (c != ',') {
        throw giveUp();
      }
      i++;
      spaces();
      if (peek() == close) {
        throw giveUp(); // a trailing comma
      }
      return true;
    }

    private Object scalar(boolean asText) {
      char first = peek();
      int start = i;
      if (first == '"' || first == '\'') {
        int end = text.indexOf(first, start + 1);
        if (end < 0) {
          throw giveUp();
        }
        String inner = text.substring(start + 1, end);
        if (first == '"' && inner.indexOf('\\') >= 0 || end + 1 < text.length() && text.charAt(end + 1) == first) {
          throw giveUp();
        }
        i = end + 1;
        return inner;
      }
      if (indicator(first) || first == '-' && (start + 1 >= text.length() || text.charAt(start + 1) == ' ')) {
        throw giveUp();
      }
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{') {
          break;
        }
        if (c == ':' && (i + 1 >= text.length() || " ,[]{}".indexOf(text.charAt(i + 1)) >= 0)
            || c == '#' && text.charAt(i - 1) == ' ') {
          throw giveUp();
        }
        i++;
      }
      String plain = text.substring(start, i).stripTrailing();
      if (plain.isEmpty() || i < text.length() && (text.charAt(i) == '[' || text.charAt(i) == '{')) {
        throw giveUp();
      }
      return asText ? YamlDocuments.annotationText(plain) : YamlDocuments.plain(plain);
    }

    private char peek() {
      if (i >= text.length()) {
        throw giveUp();
      }
      return text.charAt(i);
    }

    private void spaces() {
      while (i < text.length() && text.charAt(i) == ' ') {
        i++;
      }
    }
  }

  private static Object scalar(String text, boolean asText) {
    char first = text.charAt(0);
    if (first == '"' || first == '\'') {
      if (text.length() < 2 || text.charAt(text.length() - 1) != first) {
        throw giveUp();
      }
      String inner = text.substring(1, text.length() - 1);
      if (inner.indexOf(first) >= 0 || (first == '"' && inner.indexOf('\\') >= 0)) {
        throw giveUp();
      }
      return inner;
    }
    if (first == '{' || first == '[') {
      return flow(text, asText ? TEXT : NONE);
    }
    if (indicator(first) || (first == '-' && (text.length() == 1 || text.charAt(1) == ' '))
        || text.contains(" #") || text.contains(": ") || text.endsWith(":")) {
      throw giveUp();
    }
    return asText ? YamlDocuments.annotationText(text) : YamlDocuments.plain(text);
  }
}
