package dev.gitops.policy.cel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Strict parsing and canonical (RFC 5952) printing of IP literals, with the rules of Kubernetes'
 * CEL ip library: no leading zeros in IPv4, no zones, no IPv4-mapped IPv6 addresses. Never
 * resolves names.
 */
final class IpAddresses {
  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /**
   * The address of an IP literal.
   *
   * @throws IllegalArgumentException if the text is not a literal the library accepts
   */
  static InetAddress parse(String text) {
    if (IPV4.matcher(text).matches()) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException("IP address out of range: " + text);
        }
      }
      return literal(text);
    }
    // A colon makes it IPv6; InetAddress never looks up a string of these characters.
    if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
      InetAddress a = literal(text);
      if (a instanceof Inet4Address) {
        throw new IllegalArgumentException("IPv4-mapped IPv6 address is not allowed: " + text);
      }
      return a;
    }
    throw new IllegalArgumentException("not an IP address: " + text);
  }

  static boolean isIp(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Dotted quad for IPv4; RFC 5952 for IPv6 (lower case, longest zero run as {@code ::}). */
  static String format(InetAddress a) {
    if (a instanceof Inet4Address) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1; // a single zero group is not compressed
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLen - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  static int family(InetAddress a) {
    return a instanceof Inet6Address ? 6 : 4;
  }

  static boolean isGlobalUnicast(InetAddress a) {
    byte[] b = a.getAddress();
    boolean broadcast = b.length == 4 && (b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff;
    return !(a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isMulticastAddress()
        || a.isLinkLocalAddress() || broadcast);
  }

  static boolean isLinkLocalMulticast(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 4
        ? (b[0] & 0xff) == 224 && b[1] == 0 && b[2] == 0
        : (b[0] & 0xff) == 0xff && (b[1] & 0x0f) == 0x02;
  }

  private static InetAddress literal(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
