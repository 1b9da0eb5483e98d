package dev.gitops.source;

import java.util.regex.Pattern;

/** URL helpers; package-private. */
final class Urls {
  private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@]*)@");

  private Urls() {}

  /** The URL without any password or token in its user-info part; keeps a bare user name. */
  static String redact(String url) {
    var m = USERINFO.matcher(url);
    if (!m.find()) {
      return url;
    }
    String userInfo = m.group(2);
    int colon = userInfo.indexOf(':');
    String kept = colon < 0 ? userInfo : userInfo.substring(0, colon);
    return m.group(1) + (kept.isEmpty() ? "" : kept + "@") + url.substring(m.end());
  }
}
