package dev.gitops.render;

import dev.gitops.model.ObjectTree;
import dev.gitops.model.SourceLocation;
import dev.gitops.render.YamlDocuments.Document;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReference;

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
 * <p>It reads a file's UTF-8 bytes in place: a line is its offsets, and only keys and scalar
 * values become strings (recurring ones shared, see {@link #KEYS} and {@link #VALUES}), since this
 * runs over every byte of every manifest.
 */
final class BlockYaml {
  private static final int MAX_DEPTH = 400;

  /** The text as UTF-8, well-formed (see {@link #lineEnd}). */
  private final byte[] text;
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
   * keyTop} and {@code valueTop}: the {@link Scratch}'s, given back grown. Entries above are left
   * behind, cleared when the scratch is.
   */
  private String[] keyStack;
  private Object[] valueStack;
  private int keyTop;
  private int valueTop;
  /** Views of the stacks' tops, moved for each mapping or sequence made of them. */
  private final Window<String> keyWindow = new Window<>();
  private final Window<Object> valueWindow = new Window<>();

  private BlockYaml(byte[] text, Scratch scratch, int first, int end, boolean frozen, SourceLocation location) {
    this.text = text;
    this.lines = scratch.lines;
    this.keyStack = scratch.keys;
    this.valueStack = scratch.values;
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
    for (int i = 0, n = text.length(); i < n; i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return null; // refused below once encoded; a lone one would not even encode
      }
    }
    return tryParse(path, text.getBytes(StandardCharsets.UTF_8), firstLine, metadataText, frozen);
  }

  /**
   * As {@link #tryParse(String, String, int, boolean, boolean)}, reading a file's bytes as they
   * are, without decoding them first: most manifests are ASCII, and the decoded copy was a fifth of
   * what a render allocated. Bytes that are not well-formed UTF-8 (and a byte-order mark) give up,
   * so that the caller's decoder reports them (or strips the mark).
   */
  static List<Document> tryParse(String path, byte[] text, int firstLine, boolean metadataText, boolean frozen) {
    Scratch scratch = Scratch.take();
    try {
      return read(path, text, firstLine, metadataText, frozen, scratch);
    } finally {
      scratch.release();
    }
  }

  private static List<Document> read(String path, byte[] text, int firstLine, boolean metadataText, boolean frozen,
      Scratch scratch) {
    List<Document> out = new ArrayList<>();
    int[] lines = scratch.lines; // all documents' content lines, one after another
    int count = 0;
    int first = 0; // the current document's first slot
    int firstNumber = 0; // and its file line
    boolean explicit = false; // the current document began with a marker
    int number = firstLine;
    int start = 0;
    int length = text.length;
    while (start <= length) {
      int end = lineEnd(text, start);
      if (end < 0) {
        return null;
      }
      byte head = start < end ? text[start] : (byte) '\n';
      if ((head == '-' || head == '.') && end - start >= 3 && text[start + 1] == head && text[start + 2] == head
          || head == '%') {
        if (end - start != 3 || head != '-') {
          return null;
        }
        if (!finish(path, text, scratch, first, count, firstNumber, number, explicit, out, metadataText, frozen)) {
          return null;
        }
        first = count;
        explicit = true;
      } else {
        int from = start;
        while (from < end && text[from] == ' ') {
          from++;
        }
        int to = end;
        while (to > from && text[to - 1] == ' ') {
          to--; // the only white space left: other control characters gave up
        }
        if (from < to && text[from] != '#') {
          if (count == first) {
            firstNumber = number;
          }
          if (count + 3 > lines.length) {
            lines = scratch.lines = Arrays.copyOf(lines, 2 * lines.length);
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
    return finish(path, text, scratch, first, count, firstNumber, number - 1, explicit, out, metadataText, frozen)
        ? out : null;
  }

  /**
   * Adds the document of slots [first, end); false to give up. A leading chunk of only comments is
   * no document; a document begun by a marker and holding nothing is null, at the line of what
   * follows it ({@code nextLine}: the next marker or the end), as the full parser places it
   * (files often end in {@code ---}).
   */
  private static boolean finish(String path, byte[] text, Scratch scratch, int first, int end, int firstNumber,
      int nextLine, boolean explicit, List<Document> out, boolean metadataText, boolean frozen) {
    if (first == end) {
      if (explicit) {
        out.add(new Document(null, new SourceLocation(path, nextLine)));
      }
      return true;
    }
    SourceLocation location = new SourceLocation(path, firstNumber);
    BlockYaml reader = new BlockYaml(text, scratch, first, end, frozen, location);
    Object value;
    try {
      value = reader.block(reader.indent(first), metadataText ? ROOT : NONE);
    } catch (GiveUp e) {
      return false;
    } finally {
      scratch.keys = reader.keyStack;
      scratch.values = reader.valueStack;
    }
    if (reader.pos != end) {
      return false;
    }
    out.add(new Document(value, location));
    return true;
  }

  /**
   * Where the line starting at {@code start} ends (at its line feed or the end of the text), or -1
   * if it is not well-formed UTF-8 or holds a character the full parser treats specially or
   * refuses anywhere: control characters (tabs and carriage returns among them), C1 controls, a
   * byte-order mark, U+2028/U+2029, U+FFFE/U+FFFF, and, to keep this short, every character
   * beyond U+FFFF and U+D000 to U+DFFF. One pass for both.
   */
  static int lineEnd(byte[] text, int start) {
    int n = text.length;
    int i = start;
    while (true) {
      // Eight bytes at a time while all are printable ASCII: most of every manifest.
      while (i + 8 <= n && printableAscii((long) LONGS.get(text, i))) {
        i += 8;
      }
      if (i >= n) {
        return n;
      }
      int b = text[i];
      if (b >= 0x20 && b < 0x7F) {
        i++;
      } else if (b == '\n') {
        return i;
      } else {
        i = afterCharacter(text, i);
        if (i < 0) {
          return -1;
        }
      }
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /** Whether all eight bytes of {@code w} are printable ASCII: none below 0x20, none 0x7F, no high bit. */
  private static boolean printableAscii(long w) {
    long below = (w - 0x20 * ONES) & ~w; // exact for bytes without the high bit, which the last term tests
    long del = w ^ 0x7F * ONES;
    long isDel = (del - ONES) & ~del;
    return ((below | isDel | w) & HIGHS) == 0;
  }

  /**
   * Past the character starting at {@code i} with a byte other than printable ASCII or a line feed,
   * or -1 if it is one of those {@link #lineEnd} refuses or not well-formed.
   */
  private static int afterCharacter(byte[] text, int i) {
    int n = text.length;
    int b = text[i];
    if (b >= 0) {
      return -1; // control characters and DEL
    }
    b &= 0xFF;
    if (b >= 0xC2 && b <= 0xDF) { // two bytes: U+0080 to U+07FF, less the C1 controls
      return i + 1 < n && continuation(text[i + 1]) && !(b == 0xC2 && (text[i + 1] & 0xFF) < 0xA0) ? i + 2 : -1;
    }
    if (b >= 0xE0 && b <= 0xEF && b != 0xED) { // three bytes: U+0800 to U+FFFF, less U+D000-U+DFFF
      if (i + 2 >= n || !continuation(text[i + 1]) || !continuation(text[i + 2])) {
        return -1;
      }
      int c = (b & 0x0F) << 12 | (text[i + 1] & 0x3F) << 6 | (text[i + 2] & 0x3F);
      return c < 0x800 || c == 0xFEFF || c >= 0xFFFE || c == 0x2028 || c == 0x2029 ? -1 : i + 3;
    }
    return -1; // a stray continuation, an overlong lead, four bytes or worse
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /**
   * The arrays a read works in besides the tree it makes (line offsets, the stacks), kept for the
   * next read: a render reads thousands of files, and these were a tenth of what it allocated. One
   * set is kept, taken by one read at a time (concurrent reads make their own), in a static slot
   * rather than a thread-local, which would tie this library's classes to an application server's
   * pooled threads.
   */
  private static final class Scratch {
    private static final AtomicReference<Scratch> KEPT = new AtomicReference<>();
    /** Arrays longer than this (a huge file's) are not kept. */
    private static final int MAX_KEPT = 1 << 15;

    int[] lines = new int[3 * 256];
    String[] keys = new String[16];
    Object[] values = new Object[16];

    static Scratch take() {
      Scratch kept = KEPT.getAndSet(null);
      return kept != null ? kept : new Scratch();
    }

    /** Keeps this for the next read, holding no value of this one's (which it would keep alive). */
    void release() {
      if (lines.length > MAX_KEPT || keys.length > MAX_KEPT || values.length > MAX_KEPT) {
        return;
      }
      Arrays.fill(values, null);
      KEPT.set(this);
    }
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
    return text[from] == '-' && (to - from == 1 || text[from + 1] == ' ');
  }

  private Map<String, Object> mapping(int indent, int at) {
    int base = keyTop;
    int valueBase = valueTop; // sequences push values only: the two stacks differ in depth
    while (pos < end && indent(pos) == indent && !isItem(start(pos), stop(pos))) {
      int from = start(pos);
      int to = stop(pos);
      int sep = keyEnd(from, to);
      if (sep <= from || !plainKeyEnds(from, sep)) {
        throw giveUp();
      }
      String key = keyAscii ? KEYS.get(text, from, sep, keyHash) : string(from, sep);
      int rest = Math.min(sep + 2, to);
      while (rest < to && text[rest] == ' ') {
        rest++;
      }
      pos += 3;
      Object value;
      if (rest >= to) {
        value = nested(indent, true, childAt(at, key));
      } else {
        byte head = text[rest];
        value = head == '{' || head == '['
            ? flow(string(rest, to), childAt(at, key)) : scalar(rest, to, at == LABELS);
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
      while (text[from + spaces] == ' ') {
        spaces++;
      }
      int item = from + spaces;
      byte first = text[item];
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

  /** The hash ({@link String#hashCode}) of the key {@link #keyEnd} found last, if {@link #keyAscii}. */
  private int keyHash;
  /** Whether the key {@link #keyEnd} found last is ASCII, which is what {@link #KEYS} holds. */
  private boolean keyAscii;

  /**
   * As {@link #separator}, for a mapping's line, in the one pass over the key that also checks
   * its characters as {@link #plainKey} does (giving up on one it refuses) and hashes it into
   * {@link #keyHash}: keys are most of a manifest's lines.
   */
  private int keyEnd(int from, int to) {
    int h = 0;
    int high = 0;
    for (int i = from; i < to; i++) {
      byte c = text[i];
      if (c == ':' && (i + 1 == to || text[i + 1] == ' ')) {
        keyHash = h;
        keyAscii = high >= 0;
        return i;
      }
      if (c == '#' || c == '"' || c == '\'' || c == '{' || c == '[' || c == ',' || c == '}' || c == ']') {
        throw giveUp(); // before any separator: no plain key
      }
      h = 31 * h + c;
      high |= c; // negative once a byte of a non-ASCII character is met
    }
    return -1;
  }

  /** Where the key of [from, to) ends: the first {@code ": "}, or a trailing colon; -1 if neither. */
  private int separator(int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (text[i] == ':' && text[i + 1] == ' ') {
        return i;
      }
    }
    return to > from && text[to - 1] == ':' ? to - 1 : -1;
  }

  /** Whether a flow mapping's key is a plain scalar this reader reads as the full parser does. */
  private static boolean plainKey(String key) {
    int n = key.length();
    // The full parser limits implicit keys to 1024 characters.
    if (n == 0 || n > 1000 || key.equals("<<") || indicator(key.charAt(0)) || key.charAt(0) == '-'
        || key.charAt(n - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c == '#' || c == '"' || c == '\'' || c == '{' || c == '[' || c == ',' || c == '}' || c == ']'
          || c == ':') {
        return false;
      }
    }
    return true;
  }

  /**
   * The checks of {@link #plainKey} for a block mapping's key but those of the characters in
   * between, which {@link #keyEnd} makes: length (in bytes, at most the full parser's limit in
   * characters), first and last.
   */
  private boolean plainKeyEnds(int from, int to) {
    return to > from && to - from <= 1000 && !(to - from == 2 && text[from] == '<' && text[from + 1] == '<')
        && !indicator(text[from]) && text[from] != '-' && text[to - 1] != ' ';
  }

  private static boolean indicator(int c) {
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
        if (!plainKey(key)) {
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
    byte first = text[from];
    int length = to - from;
    // Hashed as checked, for the shared strings (String#hashCode's sum, which ASCII bytes give).
    int h = 0;
    int high = 0; // negative once a byte of a non-ASCII character is met
    if (first == '"' || first == '\'') {
      if (length < 2 || text[to - 1] != first) {
        throw giveUp();
      }
      for (int i = from + 1; i < to - 1; i++) {
        byte c = text[i];
        if (c == first || (first == '"' && c == '\\')) {
          throw giveUp();
        }
        h = 31 * h + c;
        high |= c;
      }
      return text(from + 1, to - 1, h, high);
    }
    if (first == '{' || first == '[') {
      // Mutable: the mapping or sequence holding it freezes it when the trees are frozen.
      return flow(string(from, to), asText ? TEXT : NONE);
    }
    if (indicator(first) || (first == '-' && (length == 1 || text[from + 1] == ' ')) || text[to - 1] == ':') {
      throw giveUp();
    }
    for (int i = from; i < to - 1; i++) {
      byte c = text[i];
      byte next = text[i + 1];
      if (c == ' ' && next == '#' || c == ':' && next == ' ') {
        throw giveUp();
      }
      h = 31 * h + c;
      high |= c;
    }
    h = 31 * h + text[to - 1];
    high |= text[to - 1];
    String value = text(from, to, h, high);
    return asText ? YamlDocuments.annotationText(value) : YamlDocuments.plain(value);
  }

  /** The text of [from, to), hashed {@code h}: a shared instance if short and ASCII ({@code high >= 0}). */
  private String text(int from, int to, int h, int high) {
    return high >= 0 && to - from <= SHARED_VALUE_LENGTH ? VALUES.get(text, from, to, h) : string(from, to);
  }

  private String string(int from, int to) {
    return new String(text, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Mapping keys: the same few recur in every manifest. They are the instances {@link
   * ObjectTree#sharedKey} gives, which live objects' keys are too, so that a lookup of a rendered
   * key in a live object finds it by identity.
   */
  private static final Strings KEYS = new Strings(1 << 11, true);
  /**
   * Short scalar values, which recur across the manifests of a render (names of containers, ports
   * and environment variables, quantities, labels): shared, a rendered tree takes less memory, and
   * equal values compare by identity.
   */
  private static final Strings VALUES = new Strings(1 << 12, false);
  private static final int SHARED_VALUE_LENGTH = 24;

  /**
   * A fixed-size, lossy cache of ASCII strings found by their text, so that a recurring one makes
   * no new string. Unsynchronized on purpose: a slot holds one immutable string or none, its hash
   * beside it is only a filter (a match is confirmed by content), and a lost update only costs a
   * new string later.
   */
  static final class Strings {
    private final String[] slots;
    /** The hash of each slot's string, compared before the string is read: most misses are decided here. */
    private final int[] hashes;
    private final boolean keys;

    Strings(int size, boolean keys) {
      this.slots = new String[size];
      this.hashes = new int[size];
      this.keys = keys;
    }

    /** The string of {@code text}'s [from, to), ASCII, whose hash ({@link String#hashCode}) is {@code h}. */
    String get(byte[] text, int from, int to, int h) {
      // Two slots per text, so that two frequent ones landing on one slot do not evict each other.
      int slot = (h ^ (h >>> 16)) & (slots.length - 2);
      int n = to - from;
      String s = slots[slot];
      if (hashes[slot] == h && s != null && matches(s, text, from, n)) {
        return s;
      }
      String other = slots[slot + 1];
      if (hashes[slot + 1] == h && other != null && matches(other, text, from, n)) {
        return other;
      }
      String made = new String(text, from, n, StandardCharsets.ISO_8859_1);
      if (keys) {
        made = ObjectTree.sharedKey(made);
      }
      int at = s == null || other != null ? slot : slot + 1;
      slots[at] = made;
      hashes[at] = h;
      return made;
    }

    /** Compared through the string itself, the one returned: a slot read without a lock is always whole. */
    private static boolean matches(String s, byte[] text, int from, int n) {
      if (s.length() != n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (s.charAt(i) != text[from + i]) {
          return false;
        }
      }
      return true;
    }
  }
}
