package dev.gitops.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes the SSH wire encoding (RFC 4251 section 5) and OpenSSH's armor, for the fixtures. */
final class SshEncoding {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  SshEncoding raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  SshEncoding uint32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  SshEncoding string(byte[] b) {
    return uint32(b.length).raw(b);
  }

  SshEncoding string(String s) {
    return string(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A two's complement integer, minimal length; zero is the empty string. */
  SshEncoding mpint(BigInteger v) {
    return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  int size() {
    return out.size();
  }

  /** Base64 in lines of 70 characters between BEGIN and END lines, as OpenSSH writes it. */
  static String armor(String label, byte[] data) {
    String b64 = Base64.getEncoder().encodeToString(data);
    StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < b64.length(); i += 70) {
      sb.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
    }
    return sb.append("-----END ").append(label).append("-----\n").toString();
  }
}
