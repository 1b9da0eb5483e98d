package dev.gitops.fuzz;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.model.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one fuzz input into parts (files of a snapshot, an expression and an object, ...). Parts
 * are separated by a line {@code ---8<---}, so seed files stay readable and the fuzzer learns the
 * separator from the seeds.
 */
public final class FuzzInput {
  static final byte[] SEPARATOR = "\n---8<---\n".getBytes(StandardCharsets.UTF_8);
  private static final Revision REVISION = new Revision("refs/heads/main", "0".repeat(40),
      "fuzz <fuzz@example.com>", Instant.EPOCH, "fuzz", Verification.notChecked());

  private FuzzInput() {}

  /** Exactly {@code n} parts: missing ones are empty, extra separators stay in the last part. */
  public static List<byte[]> parts(byte[] data, int n) {
    List<byte[]> out = new ArrayList<>(n);
    int start = 0;
    while (out.size() < n - 1) {
      int at = indexOf(data, SEPARATOR, start);
      if (at < 0) {
        break;
      }
      out.add(Arrays.copyOfRange(data, start, at));
      start = at + SEPARATOR.length;
    }
    out.add(Arrays.copyOfRange(data, Math.min(start, data.length), data.length));
    while (out.size() < n) {
      out.add(new byte[0]);
    }
    return out;
  }

  public static String text(byte[] part) {
    return new String(part, StandardCharsets.UTF_8);
  }

  /** A snapshot of the given files (path, content, path, content, ...). */
  public static Snapshot snapshot(Object... pathsAndContents) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      Object c = pathsAndContents[i + 1];
      files.put((String) pathsAndContents[i],
          c instanceof byte[] b ? b : String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    }
    return Snapshot.of(REVISION, files);
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
