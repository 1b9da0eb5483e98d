package dev.gitops.source;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** URL helpers; package-private. */
final class Urls {
  private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@]*)@");
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");
  private static final Set<String> TRANSPORTS = Set.of("https", "http", "ssh", "git", "file");
  static final String REDACTED = "***";

  private Urls() {}

  /**
   * The URL without any password or token: the user-info part keeps a bare user name, and every
   * query parameter keeps its name but not its value ({@code ?token=***}), since hosting services
   * accept access tokens there too.
   */
  static String redact(String url) {
    String out = url;
    var m = USERINFO.matcher(out);
    if (m.find()) {
      String userInfo = m.group(2);
      int colon = userInfo.indexOf(':');
      String kept = colon < 0 ? userInfo : userInfo.substring(0, colon);
      out = m.group(1) + (kept.isEmpty() ? "" : kept + "@") + out.substring(m.end());
    }
    int query = out.indexOf('?');
    if (query < 0) {
      return out;
    }
    int fragment = out.indexOf('#', query);
    String params = fragment < 0 ? out.substring(query + 1) : out.substring(query + 1, fragment);
    StringBuilder b = new StringBuilder(out.substring(0, query + 1));
    String[] pairs = params.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        b.append('&');
      }
      int eq = pairs[i].indexOf('=');
      b.append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq + 1) + REDACTED);
    }
    return b.toString(); // a fragment is never sent to the server; dropped with its contents
  }

  /**
   * Refuses a URL no supported transport can fetch (for example {@code ftp://}) and one with
   * control characters, before any clone is attempted; scp-style ({@code git@host:repo}) and
   * local paths pass.
   */
  static void checkTransport(String url) {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("repository URL contains a control character (U+"
            + String.format("%04X", (int) c) + ") at " + i + ": " + redact(url).replaceAll("\\p{Cntrl}", "?"));
      }
    }
    var m = SCHEME.matcher(url);
    if (m.find() && !TRANSPORTS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("unsupported Git transport '" + m.group(1) + "' in "
          + redact(url) + ": use https://, http://, ssh://, git://, file://, scp-style"
          + " user@host:path or a local path");
    }
  }

  /**
   * The text with the URL's secrets replaced: the whole URL by its redacted form, and each
   * password or query value that appears on its own.
   */
  static String scrub(String text, String url) {
    if (text == null) {
      return null;
    }
    String redacted = redact(url);
    if (redacted.equals(url)) {
      return text;
    }
    String out = text.replace(url, redacted);
    for (String secret : secrets(url)) {
      out = out.replace(secret, REDACTED);
    }
    return out;
  }

  /**
   * A copy of a cause chain whose messages are {@link #scrub scrubbed}, keeping each original
   * class name and stack trace, so a logged cause cannot leak what the URL carried. The
   * original is returned when the URL has nothing to hide.
   */
  static Throwable scrubbed(Throwable cause, String url) {
    if (cause == null || redact(url).equals(url)) {
      return cause;
    }
    return copy(cause, url, 0);
  }

  private static Throwable copy(Throwable t, String url, int depth) {
    Throwable next = t.getCause() == null || t.getCause() == t || depth > 32
        ? null : copy(t.getCause(), url, depth + 1);
    ScrubbedCause c = new ScrubbedCause(t.getClass().getName() + ": " + scrub(
        String.valueOf(t.getMessage()), url), next);
    c.setStackTrace(t.getStackTrace());
    return c;
  }

  private static java.util.List<String> secrets(String url) {
    java.util.List<String> out = new java.util.ArrayList<>();
    var m = USERINFO.matcher(url);
    if (m.find()) {
      int colon = m.group(2).indexOf(':');
      if (colon >= 0 && colon + 1 < m.group(2).length()) {
        out.add(m.group(2).substring(colon + 1));
      }
    }
    int query = url.indexOf('?');
    if (query >= 0) {
      int fragment = url.indexOf('#', query);
      String params = fragment < 0 ? url.substring(query + 1) : url.substring(query + 1, fragment);
      for (String pair : params.split("&")) {
        int eq = pair.indexOf('=');
        if (eq >= 0 && eq + 1 < pair.length()) {
          out.add(pair.substring(eq + 1));
        }
      }
      if (fragment >= 0 && fragment + 1 < url.length()) {
        out.add(url.substring(fragment + 1));
      }
    }
    out.removeIf(s -> s.length() < 3); // too short to be a secret; replacing it would garble text
    return out;
  }

  /** A cause whose message had a secret removed; names the original exception class. */
  static final class ScrubbedCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScrubbedCause(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
