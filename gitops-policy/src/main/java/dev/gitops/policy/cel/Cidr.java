package dev.gitops.policy.cel;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP prefix such as {@code 10.0.0.0/8}; the address keeps the bits below the prefix as written
 * ({@link #masked()} clears them).
 *
 * @param address the address part
 * @param prefixLength the prefix length
 */
public record Cidr(InetAddress address, int prefixLength) {
  public Cidr {
    requireNonNull(address, "address");
    int bits = address.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
    }
  }

  /**
   * Parses {@code address/length}.
   *
   * @throws IllegalArgumentException if it is not a CIDR the Kubernetes library accepts
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String length = slash < 0 ? "" : text.substring(slash + 1);
    if (slash < 0 || !length.matches("0|[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException("not a CIDR: " + text);
    }
    return new Cidr(IpAddresses.parse(text.substring(0, slash)), Integer.parseInt(length));
  }

  /** Whether the text parses as a CIDR. */
  public static boolean isCidr(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the address is in this prefix (false for the other IP family). */
  public boolean contains(InetAddress ip) {
    byte[] a = address.getAddress();
    byte[] b = ip.getAddress();
    if (a.length != b.length) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the other prefix lies within this one. */
  public boolean contains(Cidr other) {
    return other.prefixLength >= prefixLength && contains(other.address);
  }

  /** The prefix with the host bits cleared. */
  public Cidr masked() {
    byte[] a = address.getAddress();
    for (int bit = prefixLength; bit < a.length * 8; bit++) {
      a[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    try {
      return new Cidr(InetAddress.getByAddress(a), prefixLength);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen: the length is 4 or 16
    }
  }

  @Override
  public String toString() {
    return IpAddresses.format(address) + "/" + prefixLength;
  }
}
