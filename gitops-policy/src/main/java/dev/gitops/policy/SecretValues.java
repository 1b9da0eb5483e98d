package dev.gitops.policy;

import dev.gitops.model.Manifest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the values of a Secret out of verdict messages. Rules, library functions and the CEL
 * runtime's own errors quote operands ({@code not a quantity: <value>}, {@code For input string:
 * "<value>"}); whatever the path, each value of the Secret's {@code data} (as written and
 * decoded) and {@code stringData} is replaced by {@value #MARK} before a message leaves the
 * policy. Package-private.
 */
final class SecretValues {
  static final String MARK = "***";
  // Shorter values would replace ordinary text ("1", "true") all over a message; a value this
  // short carries almost nothing a reader could use.
  private static final int MIN_LENGTH = 4;

  private final List<String> values;

  private SecretValues(List<String> values) {
    this.values = values;
  }

  /** The values of the change's Secrets (before and after), or null when it holds none. */
  static SecretValues of(ObjectChange change) {
    Set<String> out = new LinkedHashSet<>();
    collect(change.before(), out);
    collect(change.after(), out);
    if (out.isEmpty()) {
      return null;
    }
    List<String> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no partial leftovers
    return new SecretValues(List.copyOf(sorted));
  }

  String scrub(String message) {
    String m = message;
    for (String v : values) {
      if (m.contains(v)) {
        m = m.replace(v, MARK);
      }
    }
    return m;
  }

  private static void collect(Manifest m, Set<String> out) {
    if (m == null || !m.kind().equals("Secret") || !m.apiVersion().equals("v1")) {
      return;
    }
    if (m.object().get("data") instanceof Map<?, ?> data) {
      for (Object v : data.values()) {
        if (v instanceof String s) {
          add(s, out);
          String decoded = decode(s);
          if (decoded != null) {
            add(decoded, out);
          }
        }
      }
    }
    if (m.object().get("stringData") instanceof Map<?, ?> data) {
      for (Object v : data.values()) {
        if (v instanceof String s) {
          add(s, out);
        }
      }
    }
  }

  private static void add(String value, Set<String> out) {
    for (String form : List.of(value, escaped(value), value.strip())) {
      if (form.length() >= MIN_LENGTH) {
        out.add(form);
      }
    }
    // Multi-line values (keys, certificates) may be quoted one line at a time.
    for (String line : value.split("\\R")) {
      if (line.strip().length() >= MIN_LENGTH) {
        out.add(line.strip());
      }
    }
  }

  /** The value as JSON and CEL print it inside quotes. */
  private static String escaped(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String decode(String b64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(b64.strip());
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null; // not base64 text: the value as written is all a message could quote
    }
  }
}
