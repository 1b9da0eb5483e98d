package dev.gitops.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name suffix Kustomize gives generated ConfigMaps and Secrets: the first ten hex digits of
 * the SHA-256 of a JSON encoding (as Go's encoder writes it) of the object's kind, type and data,
 * with the characters 0, 1, 3, a, e mapped to g, h, k, m, t so that the suffix never reads as a
 * number or a word; package-private.
 */
final class ContentHash {
  private ContentHash() {}

  static String of(Map<String, Object> object) {
    String kind = String.valueOf(object.get("kind"));
    Map<String, Object> m = new TreeMap<>();
    m.put("kind", kind);
    // The generator hashes the object before it has a name.
    m.put("name", "");
    m.put("data", dataOrEmpty(object.get("data")));
    if ("Secret".equals(kind)) {
      m.put("type", object.get("type") == null ? "" : object.get("type"));
      if (object.get("stringData") instanceof Map<?, ?> sd) {
        m.put("stringData", sd);
      }
    } else if (object.get("binaryData") instanceof Map<?, ?> bd) {
      m.put("binaryData", bd);
    }
    return encode(sha256Hex(goJson(m)));
  }

  // A missing data field is hashed as an empty string, not an empty object.
  private static Object dataOrEmpty(Object data) {
    return data instanceof Map<?, ?> ? data : "";
  }

  static String encode(String hex) {
    StringBuilder out = new StringBuilder(10);
    for (char c : hex.substring(0, 10).toCharArray()) {
      out.append(switch (c) {
        case '0' -> 'g';
        case '1' -> 'h';
        case '3' -> 'k';
        case 'a' -> 'm';
        case 'e' -> 't';
        default -> c;
      });
    }
    return out.toString();
  }

  private static String sha256Hex(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder();
      for (byte b : d) {
        out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Compact JSON as Go's encoding/json writes it: sorted keys, HTML characters escaped. */
  static String goJson(Object v) {
    StringBuilder out = new StringBuilder();
    write(v, out);
    return out.toString();
  }

  private static void write(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>(ContentHash::compareUtf8);
      m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(l.get(i), out);
      }
      out.append(']');
    } else if (v instanceof Boolean || v instanceof Number) {
      out.append(v);
    } else {
      string(String.valueOf(v), out);
    }
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
