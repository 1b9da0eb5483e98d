package dev.gitops.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Names and label values of the cluster store's ConfigMaps. Package-private. */
final class StorageNames {
  /** Kubernetes' limit on object names that are DNS-1123 subdomains. */
  static final int MAX_NAME_LENGTH = 253;
  /** Kubernetes' limit on label values. */
  static final int MAX_LABEL_VALUE_LENGTH = 63;

  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final String SEPARATOR = ".history.";
  private static final int READABLE_PREFIX = 100;

  private StorageNames() {}

  static void requireApplication(String application) {
    if (application.isEmpty()) {
      throw new IllegalArgumentException("a history record needs an application name");
    }
  }

  /**
   * {@code <application>.history.<id>} when the application's name is a DNS-1123 subdomain short
   * enough; otherwise a readable lower-case prefix of it and 16 hex digits of its SHA-256 stand in
   * for it: {@code my-app-0f1e2d3c4b5a6978.history.<id>}. The id is always the last segment, so
   * one application's records never share a name. (Two applications could share names only if one
   * were named exactly like the other's hashed form; their records would still stay apart, since
   * each carries its application and a clash is a conflict, never an overwrite.)
   */
  static String configMapName(String application, long id) {
    String suffix = SEPARATOR + id;
    if (SUBDOMAIN.matcher(application).matches() && application.length() + suffix.length() <= MAX_NAME_LENGTH) {
      return application + suffix;
    }
    return readable(application) + "-" + sha256(application).substring(0, 16) + suffix;
  }

  /** The application's name if it is a valid label value, else the first 40 hex digits of its SHA-256. */
  static String historyOf(String application) {
    if (application.length() <= MAX_LABEL_VALUE_LENGTH && LABEL_VALUE.matcher(application).matches()) {
      return application;
    }
    return sha256(application).substring(0, 40);
  }

  /** Lower-case letters, digits and single dashes from the name, at most 100 characters; "app" if none. */
  private static String readable(String application) {
    StringBuilder b = new StringBuilder();
    for (char c : application.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (ok) {
        b.append(c);
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
        b.append('-');
      }
      if (b.length() >= READABLE_PREFIX) {
        break;
      }
    }
    while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
      b.setLength(b.length() - 1);
    }
    return b.length() == 0 ? "app" : b.toString();
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
