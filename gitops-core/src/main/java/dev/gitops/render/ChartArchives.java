package dev.gitops.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads packaged charts ({@code charts/name-1.0.0.tgz}, as {@code helm dependency build} leaves
 * them) so that HelmRenderer can unpack them next to the other files; package-private.
 */
final class ChartArchives {
  /** The most bytes one archive may unpack to, against compression bombs. */
  static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;

  private ChartArchives() {}

  /** Whether a path is a packaged chart in a chart's {@code charts/} directory. */
  static boolean isChartArchive(String path) {
    return path.matches("(?:charts/[^/]+/)*charts/[^/]+\\.tgz");
  }

  /**
   * The regular files of a gzip-compressed tar, by path, in archive order. Directories, links
   * and other entries are left out, as Helm's own loader does.
   *
   * @throws HelmRenderException if the archive is damaged, too large, or a path leaves it
   */
  static Map<String, byte[]> read(String chart, String archive, byte[] tgz) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      String longName = null;
      String paxPath = null;
      byte[] header = new byte[512];
      while (readFully(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = string(header, 0, 100);
        String prefix = string(header, 345, 155);
        if (!prefix.isEmpty() && "ustar".equals(string(header, 257, 5))) {
          name = prefix + "/" + name;
        }
        long size = octal(header, 124, 12);
        char type = (char) header[156];
        total += size;
        if (size < 0 || total > MAX_UNPACKED_BYTES) {
          throw new HelmRenderException(chart, archive, 0, "archive unpacks to more than "
              + MAX_UNPACKED_BYTES + " bytes", null);
        }
        byte[] data = new byte[(int) size];
        if (!readFully(in, data)) {
          throw new IOException("truncated entry " + name);
        }
        in.skipNBytes((512 - size % 512) % 512);
        switch (type) {
          case 'L' -> longName = string(data, 0, data.length);
          case 'x' -> paxPath = paxPath(data);
          case '0', '\0' -> {
            String path = paxPath != null ? paxPath : longName != null ? longName : name;
            longName = null;
            paxPath = null;
            files.put(safe(chart, archive, path), data);
          }
          default -> {
            longName = null;
            paxPath = null;
          }
        }
      }
    } catch (IOException e) {
      throw new HelmRenderException(chart, archive, 0, "cannot read the packaged chart: "
          + e.getMessage(), e);
    }
    return files;
  }

  private static String safe(String chart, String archive, String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    for (String segment : p.split("/")) {
      if (segment.equals("..")) {
        throw new HelmRenderException(chart, archive, 0, "entry '" + path + "' leaves the archive", null);
      }
    }
    if (p.startsWith("/") || p.isEmpty()) {
      throw new HelmRenderException(chart, archive, 0, "entry '" + path + "' is not relative", null);
    }
    return p;
  }

  private static String paxPath(byte[] data) {
    String records = new String(data, StandardCharsets.UTF_8);
    String path = null;
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        path = record.substring(space + 1 + "path=".length());
      }
    }
    return path;
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = in.readNBytes(b, 0, b.length);
    return n == b.length;
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) throws IOException {
    String s = string(b, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new IOException("bad size field '" + s + "'");
    }
  }
}
