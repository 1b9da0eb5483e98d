package dev.gitops.engine;

import dev.gitops.model.Manifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** {@code sha256:<hex>} of rendered objects: equal objects in equal order give equal digests. */
final class Digests {
  private Digests() {}

  /**
   * The digest of a render: SHA-256 over the digests of its objects in render order. Objects
   * found in {@code known} (the previous render's, by identity) are not walked again; the map
   * is filled with every object's digest.
   */
  static String of(List<Manifest> objects, Map<Manifest, byte[]> known) {
    MessageDigest all = sha256();
    for (Manifest m : objects) {
      byte[] d = known.get(m);
      if (d == null) {
        d = object(m);
        known.put(m, d);
      }
      all.update(d);
    }
    return "sha256:" + HexFormat.of().formatHex(all.digest());
  }

  static String of(List<Manifest> objects) {
    return of(objects, new IdentityHashMap<>());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** One object's digest. */
  private static byte[] object(Manifest object) {
    MessageDigest sha = sha256();
    // Iterative, with a type tag before every value, so that no two trees share an encoding
    // and no depth of a hostile tree can overflow the stack.
    Deque<Object> todo = new ArrayDeque<>();
    todo.push(object.object());
    StringBuilder b = new StringBuilder();
    while (!todo.isEmpty()) {
      Object v = todo.pop();
      if (v instanceof Map<?, ?> m) {
        b.append('{').append(m.size()).append(':');
        Object[] entries = m.entrySet().toArray();
        for (int i = entries.length - 1; i >= 0; i--) {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) entries[i];
          todo.push(e.getValue());
          todo.push(new Key(String.valueOf(e.getKey())));
        }
      } else if (v instanceof List<?> l) {
        b.append('[').append(l.size()).append(':');
        for (int i = l.size() - 1; i >= 0; i--) {
          todo.push(l.get(i));
        }
      } else if (v instanceof Key k) {
        b.append('k').append(k.name.length()).append(':').append(k.name);
      } else if (v == null) {
        b.append('n');
      } else {
        String s = String.valueOf(v);
        b.append(v instanceof String ? 's' : 'v').append(s.length()).append(':').append(s);
      }
      if (b.length() > 8192) {
        sha.update(b.toString().getBytes(StandardCharsets.UTF_8));
        b.setLength(0);
      }
    }
    sha.update(b.toString().getBytes(StandardCharsets.UTF_8));
    return sha.digest();
  }

  private record Key(String name) {}
}
