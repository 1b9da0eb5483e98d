package dev.gitops.policy.cel;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URL parsing for the Kubernetes CEL url library: an absolute URL or an absolute path. Characters
 * a URI may not hold (spaces, non-ASCII) are percent-encoded first, as Go's parser tolerates them.
 */
final class Urls {
  private static final String ALLOWED =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%";

  private Urls() {}

  /**
   * Parses an absolute URL ({@code https://host/path}) or an absolute path ({@code /path}).
   *
   * @throws IllegalArgumentException otherwise
   */
  static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(escape(text));
      if (uri.getRawAuthority() != null) {
        uri = uri.parseServerAuthority(); // a host (and port), not any registry-based authority
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + text, e);
    }
    if (uri.isOpaque() || (uri.getScheme() == null && !text.startsWith("/"))) {
      throw new IllegalArgumentException("not an absolute URL or absolute path: " + text);
    }
    return uri;
  }

  static boolean isUrl(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String scheme(URI u) {
    return u.getScheme() == null ? "" : u.getScheme();
  }

  /** Host and port, without user info: {@code example.com:80}, {@code [::1]:80}. */
  static String host(URI u) {
    String host = u.getHost() == null ? "" : u.getHost();
    return u.getPort() < 0 ? host : host + ":" + u.getPort();
  }

  /** The host without port or IPv6 brackets. */
  static String hostname(URI u) {
    String host = u.getHost() == null ? "" : u.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  static String port(URI u) {
    return u.getPort() < 0 ? "" : Integer.toString(u.getPort());
  }

  static String escapedPath(URI u) {
    return u.getRawPath() == null ? "" : u.getRawPath();
  }

  /** Query parameters, decoded, each with its values in order. */
  static Map<String, List<String>> query(URI u) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    String raw = u.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && ALLOWED.indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
