package dev.gitops.source;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The SSH wire encoding (RFC 4251 section 5): uint32, string and mpint. */
final class SshWire {
  private SshWire() {}

  /** Data that ends early or holds impossible lengths; the message says what was being read. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** Reads values in order from a byte array. */
  static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    int uint32(String what) {
      need(4, what);
      int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16)
          | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    byte[] bytes(int n, String what) {
      need(n, what);
      byte[] out = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    byte[] string(String what) {
      int len = uint32(what);
      if (len < 0) {
        throw new MalformedException("the length of " + what + " is out of range");
      }
      return bytes(len, what);
    }

    String text(String what) {
      return new String(string(what), StandardCharsets.UTF_8);
    }

    BigInteger mpint(String what) {
      byte[] b = string(what);
      return b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
    }

    boolean hasRemaining() {
      return pos < data.length;
    }

    /** Fails if bytes are left over, which a well-formed structure never has. */
    void end(String what) {
      if (hasRemaining()) {
        throw new MalformedException(
            what + " has " + (data.length - pos) + " unexpected trailing bytes");
      }
    }

    private void need(int n, String what) {
      if (n > data.length - pos) {
        throw new MalformedException("the data ends before " + what);
      }
    }
  }

  /** Appends values to a growing byte array. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Writer uint32(int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Writer string(byte[] b) {
      uint32(b.length);
      return raw(b);
    }

    Writer string(String s) {
      return string(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }
}
