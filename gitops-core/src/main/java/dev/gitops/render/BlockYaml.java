package dev.gitops.render;

import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import dev.gitops.render.YamlDocuments.Document;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A fast reader for the YAML most manifests are written in: block mappings and sequences of
 * plain and simply quoted scalars, flow collections of those on one line ({@code ports: [{port:
 * 80}]}), with whole-line comments. It gives up (returns null) on anything else, and the full
 * parser reads the file: tabs, carriage returns, control characters, inline comments, anchors,
 * aliases, tags, block and multi-line scalars, escapes, flow collections over several lines or
 * with empty values, explicit keys or trailing commas, directives, merge keys, duplicate keys and
 * very deep nesting. What it accepts it reads into the same trees and document lines as the full
 * parser (scalars typed by the same {@link YamlDocuments#plain} rules): {@code BlockYamlTest}
 * compares both over the corpora. Package-private.
 *
 * <p>It reads the text in place: a line is its offsets, and only keys (shared, see {@link #KEYS})
 * and scalar values become strings, since this runs over every byte of every manifest.
 */
final class BlockYaml {
  private static final int MAX_DEPTH = 400;

  private final String text;
  /** Per content line, three slots: start and end (right-trimmed) of its content, and its indentation. */
  private final int[] lines;
  /** The lines of this document: slots [first, end) of {@link #lines}; {@code pos} a slot index. */
  private final int end;
  private int pos;
  private int depth;

  /** Whether to build frozen trees ({@link ObjectTree#frozenMap}) rather than mutable ones. */
  private final boolean frozen;
  private final SourceLocation location;
  /**
   * The keys and values of the mappings and sequences being read, innermost last, up to {@code
   * keyTop} and {@code valueTop}. Entries above are left behind, not cleared: the reader lasts one
   * document.
   */
  private String[] keyStack = new String[16];
  private Object[] valueStack = new Object[16];
  private int keyTop;
  private int valueTop;
  /** Views of the stacks' tops, moved for each mapping or sequence made of them. */
  private final Window<String> keyWindow = new Window<>();
  private final Window<Object> valueWindow = new Window<>();

  private BlockYaml(String text, int[] lines, int first, int end, boolean frozen, SourceLocation location) {
    this.text = text;
    this.lines = lines;
    this.pos = first;
    this.end = end;
    this.frozen = frozen;
    this.location = location;
  }

  private int start(int at) {
    return lines[at];
  }

  private int stop(int at) {
    return lines[at + 1];
  }

  private int indent(int at) {
    return lines[at + 2];
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
    return tryParse(path, text, firstLine, metadataText, false);
  }

  /**
   * As {@link #tryParse(String, String, int, boolean)}; with {@code frozen}, the documents are
   * frozen trees, which {@link dev.gitops.model.Manifest#of} takes without a copy.
   */
  static List<Document> tryParse(String path, String text, int firstLine, boolean metadataText, boolean frozen) {
    int newlines = plainLines(text);
    if (newlines < 0) {
      return null;
    }
    List<Document> out = new ArrayList<>();
    int[] lines = new int[3 * (newlines + 1)]; // all documents' content lines, one after another
    int count = 0;
    int first = 0; // the current document's first slot
    int firstNumber = 0; // and its file line
    boolean explicit = false; // the current document began with a marker
    int number = firstLine;
    int start = 0;
    int length = text.length();
    while (start <= length) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      char head = start < end ? text.charAt(start) : '\n';
      if ((head == '-' || head == '.') && (text.startsWith("---", start) || text.startsWith("...", start))
          || head == '%') {
        if (end - start != 3 || text.charAt(start) != '-') {
          return null;
        }
        if (!finish(path, text, lines, first, count, firstNumber, number, explicit, out, metadataText, frozen)) {
          return null;
        }
        first = count;
        explicit = true;
      } else {
        int from = start;
        while (from < end && text.charAt(from) == ' ') {
          from++;
        }
        int to = end;
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
          to--;
        }
        if (from < to && text.charAt(from) != '#') {
          if (count == first) {
            firstNumber = number;
          }
          lines[count] = from;
          lines[count + 1] = to;
          lines[count + 2] = from - start;
          count += 3;
        }
      }
      number++;
      start = end + 1;
    }
    // number is past the last line now: the stream ends on the line before.
    return finish(path, text, lines, first, count, firstNumber, number - 1, explicit, out, metadataText, frozen)
        ? out : null;
  }

  /**
   * Adds the document of slots [first, end); false to give up. A leading chunk of only comments is
   * no document; a document begun by a marker and holding nothing is null, at the line of what
   * follows it ({@code nextLine}: the next marker or the end), as the full parser places it
   * (files often end in {@code ---}).
   */
  private static boolean finish(String path, String text, int[] lines, int first, int end, int firstNumber,
      int nextLine, boolean explicit, List<Document> out, boolean metadataText, boolean frozen) {
    if (first == end) {
      if (explicit) {
        out.add(new Document(null, new SourceLocation(path, nextLine)));
      }
      return true;
    }
    SourceLocation location = new SourceLocation(path, firstNumber);
    BlockYaml reader = new BlockYaml(text, lines, first, end, frozen, location);
    Object value;
    try {
      value = reader.block(reader.indent(first), metadataText ? ROOT : NONE);
    } catch (GiveUp e) {
      return false;
    }
    if (reader.pos != end) {
      return false;
    }
    out.add(new Document(value, location));
    return true;
  }

  /**
   * The number of line feeds in the text, or -1 if it holds a character the full parser treats
   * specially or refuses anywhere: one pass for both.
   */
  private static int plainLines(String text) {
    int newlines = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        continue; // printable ASCII: almost all text, answered by the first test
      }
      if (c == '\n') {
        newlines++;
      } else if (c < 0x20 || c <= 0x9F || c == '\uFEFF' || c >= '\uFFFE' || c == '\u2028' || c == '\u2029'
          || Character.isSurrogate(c)) {
        return -1;
      }
    }
    return newlines;
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
    Object value = isItem(start(pos), stop(pos)) ? sequence(indent) : mapping(indent, at);
    depth--;
    return value;
  }

  /** Whether [from, to) is {@code -} or starts with {@code "- "}. */
  private boolean isItem(int from, int to) {
    return text.charAt(from) == '-' && (to - from == 1 || text.charAt(from + 1) == ' ');
  }

  private Map<String, Object> mapping(int indent, int at) {
    int base = keyTop;
    int valueBase = valueTop; // sequences push values only: the two stacks differ in depth
    while (pos < end && indent(pos) == indent && !isItem(start(pos), stop(pos))) {
      int from = start(pos);
      int to = stop(pos);
      int sep = keyEnd(from, to);
      if (sep <= from || !plainKeyEnds(text, from, sep)) {
        throw giveUp();
      }
      String key = KEYS.get(text, from, sep, keyHash);
      int rest = Math.min(sep + 2, to);
      while (rest < to && Character.isWhitespace(text.charAt(rest))) {
        rest++;
      }
      pos += 3;
      Object value;
      if (rest >= to) {
        value = nested(indent, true, childAt(at, key));
      } else {
        char head = text.charAt(rest);
        value = head == '{' || head == '['
            ? flow(text.substring(rest, to), childAt(at, key)) : scalar(rest, to, at == LABELS);
        noContinuation(indent);
      }
      pushKey(key);
      pushValue(value);
    }
    List<String> k = keyWindow.over(keyStack, base, keyTop);
    List<Object> v = valueWindow.over(valueStack, valueBase, valueTop);
    // A duplicate key gives up (the full parser names both lines); the map finds it.
    Map<String, Object> map;
    if (frozen) {
      try {
        map = ObjectTree.frozenMap(k, v, location);
      } catch (IllegalArgumentException duplicate) {
        throw giveUp();
      }
    } else {
      map = new LinkedHashMap<>();
      for (int i = 0; i < k.size(); i++) {
        map.put(k.get(i), v.get(i));
        if (map.size() != i + 1) {
          throw giveUp();
        }
      }
    }
    keyTop = base;
    valueTop = valueBase;
    return map;
  }

  private List<Object> sequence(int indent) {
    int base = valueTop; // items are pushed, then taken as one list
    while (pos < end && indent(pos) == indent && isItem(start(pos), stop(pos))) {
      int from = start(pos);
      int to = stop(pos);
      if (to - from == 1) {
        pos += 3;
        pushValue(nested(indent, false, NONE));
        continue;
      }
      int spaces = 1;
      while (text.charAt(from + spaces) == ' ') {
        spaces++;
      }
      int item = from + spaces;
      char first = text.charAt(item);
      if (isItem(item, to)
          || (first != '"' && first != '\'' && first != '{' && first != '[' && separator(item, to) > item)) {
        // A mapping or sequence starting on the dash's line: read as if it started on a line of its own.
        lines[pos] = item;
        lines[pos + 2] = indent + spaces;
        pushValue(block(indent + spaces, NONE));
      } else {
        pos += 3;
        pushValue(scalar(item, to, false));
        noContinuation(indent);
      }
    }
    List<Object> items = valueWindow.over(valueStack, base, valueTop);
    List<Object> out = frozen ? ObjectTree.frozenList(items, location) : new ArrayList<>(items);
    valueTop = base;
    return out;
  }

  private void pushKey(String key) {
    if (keyTop == keyStack.length) {
      keyStack = Arrays.copyOf(keyStack, keyTop * 2);
    }
    keyStack[keyTop++] = key;
  }

  private void pushValue(Object value) {
    if (valueTop == valueStack.length) {
      valueStack = Arrays.copyOf(valueStack, valueTop * 2);
    }
    valueStack[valueTop++] = value;
  }

  /**
   * Part of a stack as a list, for {@link ObjectTree#frozenMap} and {@link ObjectTree#frozenList},
   * which copy it: one per reader, moved rather than made for each of the many small maps.
   */
  private static final class Window<T> extends AbstractList<T> implements RandomAccess {
    private T[] items;
    private int from;
    private int to;

    Window<T> over(T[] items, int from, int to) {
      this.items = items;
      this.from = from;
      this.to = to;
      return this;
    }

    @Override
    public T get(int index) {
      return items[from + Objects.checkIndex(index, to - from)];
    }

    @Override
    public int size() {
      return to - from;
    }
  }

  /** The value of a key or dash with nothing after it: a deeper block, a same-indent sequence for a key, or null. */
  private Object nested(int indent, boolean key, int at) {
    if (pos < end) {
      if (indent(pos) > indent) {
        return block(indent(pos), at);
      }
      if (key && indent(pos) == indent && isItem(start(pos), stop(pos))) {
        return sequence(indent);
      }
    }
    return at == TEXT ? "" : null;
  }

  /** A scalar's next line must not be deeper: that would continue it over lines. */
  private void noContinuation(int indent) {
    if (pos < end && indent(pos) > indent) {
      throw giveUp();
    }
  }

  /** The hash ({@link String#hashCode}) of the key {@link #keyEnd} found last. */
  private int keyHash;

  /**
   * As {@link #separator}, for a mapping's line, in the one pass over the key that also checks
   * its characters as {@link #plainKey} does (giving up on one it refuses) and hashes it into
   * {@link #keyHash}: keys are most of a manifest's lines.
   */
  private int keyEnd(int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == ':' && (i + 1 == to || text.charAt(i + 1) == ' ')) {
        keyHash = h;
        return i;
      }
      if (c == '#' || c == '"' || c == '\'' || c == '{' || c == '[' || c == ',' || c == '}' || c == ']') {
        throw giveUp(); // before any separator: no plain key
      }
      h = 31 * h + c;
    }
    return -1;
  }

  /** Where the key of [from, to) ends: the first {@code ": "}, or a trailing colon; -1 if neither. */
  private int separator(int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (text.charAt(i) == ':' && text.charAt(i + 1) == ' ') {
        return i;
      }
    }
    return to > from && text.charAt(to - 1) == ':' ? to - 1 : -1;
  }

  private static boolean plainKey(String text, int from, int to) {
    if (!plainKeyEnds(text, from, to)) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '#' || c == '"' || c == '\'' || c == '{' || c == '[' || c == ',' || c == '}' || c == ']') {
        return false;
      }
    }
    return true;
  }

  /** The checks of {@link #plainKey} but for the characters in between: length, first and last. */
  private static boolean plainKeyEnds(String text, int from, int to) {
    // The full parser limits implicit keys to 1024 characters.
    return to > from && to - from <= 1000 && !(to - from == 2 && text.startsWith("<<", from))
        && !indicator(text.charAt(from)) && text.charAt(from) != '-' && text.charAt(to - 1) != ' ';
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
        if (!plainKey(key, 0, key.length()) || key.indexOf(':') >= 0) {
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

  /** The scalar of [from, to), which is not empty. */
  private Object scalar(int from, int to, boolean asText) {
    char first = text.charAt(from);
    int length = to - from;
    if (first == '"' || first == '\'') {
      if (length < 2 || text.charAt(to - 1) != first) {
        throw giveUp();
      }
      for (int i = from + 1; i < to - 1; i++) {
        char c = text.charAt(i);
        if (c == first || (first == '"' && c == '\\')) {
          throw giveUp();
        }
      }
      return text.substring(from + 1, to - 1);
    }
    if (first == '{' || first == '[') {
      // Mutable: the mapping or sequence holding it freezes it when the trees are frozen.
      return flow(text.substring(from, to), asText ? TEXT : NONE);
    }
    if (indicator(first) || (first == '-' && (length == 1 || text.charAt(from + 1) == ' '))
        || text.charAt(to - 1) == ':') {
      throw giveUp();
    }
    for (int i = from; i < to - 1; i++) {
      char c = text.charAt(i);
      char next = text.charAt(i + 1);
      if (c == ' ' && next == '#' || c == ':' && next == ' ') {
        throw giveUp();
      }
    }
    String value = text.substring(from, to);
    return asText ? YamlDocuments.annotationText(value) : YamlDocuments.plain(value);
  }

  /** Mapping keys: the same few recur in every manifest. */
  private static final Keys KEYS = new Keys(1 << 11);

  /**
   * A fixed-size, lossy cache of key strings found by their text, so that a recurring key makes
   * no new string. Unsynchronized on purpose: a slot holds one immutable string or none, and a
   * lost update only costs a new string later.
   */
  static final class Keys {
    private final String[] slots;

    Keys(int size) {
      slots = new String[size];
    }

    /** The key of {@code text}'s [from, to), whose hash ({@link String#hashCode}) is {@code h}. */
    String get(String text, int from, int to, int h) {
      // Two slots per text, so that two frequent keys landing on one slot do not evict each other.
      int slot = (h ^ (h >>> 16)) & (slots.length - 2);
      int n = to - from;
      String s = slots[slot];
      if (s != null && s.hashCode() == h && s.length() == n && text.regionMatches(from, s, 0, n)) {
        return s;
      }
      String other = slots[slot + 1];
      if (other != null && other.hashCode() == h && other.length() == n && text.regionMatches(from, other, 0, n)) {
        return other;
      }
      String made = text.substring(from, to);
      slots[s == null || other != null ? slot : slot + 1] = made;
      return made;
    }
  }
}
