package dev.gitops.render;

import dev.gitops.model.SourceLocation;
import dev.gitops.render.YamlDocuments.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast reader for the YAML most manifests are written in: block mappings and sequences of
 * plain, simply quoted and empty-flow scalars, with whole-line comments. It gives up (returns
 * null) on anything else, and the full parser reads the file: tabs, carriage returns, control
 * characters, inline comments, anchors, aliases, tags, block and multi-line scalars, escapes,
 * flow collections with content, directives, merge keys, duplicate keys, empty documents and very
 * deep nesting. What it accepts it reads into the same trees and document lines as the full
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
        if (!finish(path, doc, explicit, out, metadataText)) {
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
    return finish(path, doc, explicit, out, metadataText) ? out : null;
  }

  /** Adds the document of {@code doc}; false to give up. A leading chunk of only comments is no document. */
  private static boolean finish(String path, List<Line> doc, boolean explicit, List<Document> out,
      boolean metadataText) {
    if (doc.isEmpty()) {
      return !explicit; // an explicit empty document is a null one: left to the full parser
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
        value = scalar(rest, at == LABELS);
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
      if (isItem(item) || (item.charAt(0) != '"' && item.charAt(0) != '\'' && separator(item) > 0)) {
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
    if (text.equals("{}")) {
      return new LinkedHashMap<String, Object>();
    }
    if (text.equals("[]")) {
      return new ArrayList<>();
    }
    if (indicator(first) || (first == '-' && (text.length() == 1 || text.charAt(1) == ' '))
        || text.contains(" #") || text.contains(": ") || text.endsWith(":")) {
      throw giveUp();
    }
    return asText ? YamlDocuments.annotationText(text) : YamlDocuments.plain(text);
  }
}
