package dev.gitops.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The signature of a raw commit object and the bytes it signs, split the way Git splits them:
 * the {@code gpgsig} header (with its continuation lines, which begin with one space) holds the
 * armored signature, and the signed payload is the commit with that header removed.
 *
 * <p>A {@code gpgsig-sha256} header (the signature over the SHA-256 form of a commit written by
 * a repository with a compatibility object format) is left out of the payload too, as Git does,
 * but is not itself verified.
 *
 * @param payload the signed bytes
 * @param armored the armored signature, continuation spaces removed
 */
record CommitSignature(byte[] payload, String armored) {
  private static final byte[] GPGSIG = "gpgsig ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GPGSIG_SHA256 = "gpgsig-sha256 ".getBytes(StandardCharsets.US_ASCII);

  /** Splits a raw commit (without the {@code commit <len>\0} prefix); empty if it has no gpgsig. */
  static Optional<CommitSignature> of(byte[] raw) {
    ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
    StringBuilder signature = null;
    boolean inSignature = false;
    boolean skipping = false;
    int pos = 0;
    while (pos < raw.length) {
      int end = lineEnd(raw, pos);
      if (end == pos) {
        // The empty line ends the headers; the message is copied as it is.
        payload.write(raw, pos, raw.length - pos);
        break;
      }
      int next = Math.min(end + 1, raw.length);
      boolean continuation = raw[pos] == ' ';
      if (continuation && skipping) {
        if (inSignature) {
          signature.append('\n').append(ascii(raw, pos + 1, end));
        }
      } else if (startsWith(raw, pos, GPGSIG)) {
        // Git joins repeated gpgsig headers; the armor parsers then reject the extra text.
        if (signature == null) {
          signature = new StringBuilder();
        } else {
          signature.append('\n');
        }
        signature.append(ascii(raw, pos + GPGSIG.length, end));
        skipping = true;
        inSignature = true;
      } else if (startsWith(raw, pos, GPGSIG_SHA256)) {
        skipping = true;
        inSignature = false;
      } else {
        skipping = false;
        inSignature = false;
        payload.write(raw, pos, next - pos);
      }
      pos = next;
    }
    return signature == null
        ? Optional.empty()
        : Optional.of(new CommitSignature(payload.toByteArray(), signature.toString()));
  }

  private static int lineEnd(byte[] raw, int from) {
    for (int i = from; i < raw.length; i++) {
      if (raw[i] == '\n') {
        return i;
      }
    }
    return raw.length;
  }

  private static boolean startsWith(byte[] raw, int pos, byte[] prefix) {
    if (raw.length - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (raw[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] raw, int from, int to) {
    // Armor is ASCII; anything else will fail armor parsing with a clear reason.
    return new String(raw, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
  }
}
