package dev.gitops.diff;

import dev.gitops.model.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secret values replaced by markers derived from a keyed hash: equal values give equal markers
 * within one process, so a change still shows as a change, but a marker cannot be checked against
 * guessed values outside it (the key is random per process).
 */
final class Redaction {
  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private Redaction() {}

  static boolean isSecret(ObjectKey key) {
    return key.group().isEmpty() && key.kind().equals("Secret");
  }

  /** Whether a pointer is at or below a Secret's data or stringData. */
  static boolean isSecretPointer(ObjectKey key, String pointer) {
    return isSecret(key) && (pointer.equals("/data") || pointer.startsWith("/data/")
        || pointer.equals("/stringData") || pointer.startsWith("/stringData/"));
  }

  /** The value with every scalar replaced by its marker. */
  static Object redact(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), redact(v)));
      return out;
    }
    return marker(String.valueOf(value));
  }

  static Object redactAt(ObjectKey key, String pointer, Object value) {
    return isSecretPointer(key, pointer) ? redact(value) : value;
  }

  /** A Secret view with data and stringData redacted; other objects unchanged. */
  static Map<String, Object> redactView(ObjectKey key, Map<String, Object> view) {
    if (!isSecret(key) || (!view.containsKey("data") && !view.containsKey("stringData"))) {
      return view;
    }
    Map<String, Object> out = new LinkedHashMap<>(view);
    for (String f : new String[] {"data", "stringData"}) {
      if (out.containsKey(f)) {
        out.put(f, redact(out.get(f)));
      }
    }
    return out;
  }

  static String marker(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return "<redacted:" + HexFormat.of().formatHex(h, 0, 6) + ">";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
