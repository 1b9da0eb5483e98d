package dev.gitops.policy.cel;

import static dev.cel.common.CelFunctionDecl.newFunctionDeclaration;
import static dev.cel.common.CelOverloadDecl.newGlobalOverload;
import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.net.InetAddress;
import java.util.List;

/**
 * The Kubernetes CEL ip and cidr functions: {@code ip(s)}, {@code isIP(s)},
 * {@code ip.isCanonical(s)}, {@code string(ip)}, and on an IP {@code family()},
 * {@code isUnspecified()}, {@code isLoopback()}, {@code isLinkLocalMulticast()},
 * {@code isLinkLocalUnicast()}, {@code isGlobalUnicast()}; {@code cidr(s)}, {@code isCIDR(s)},
 * {@code string(cidr)}, and on a CIDR {@code containsIP(ip|s)}, {@code containsCIDR(cidr|s)},
 * {@code ip()}, {@code masked()}, {@code prefixLength()}.
 */
final class IpLibrary {
  static final OpaqueType IP = OpaqueType.create("net.IP");
  static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

  private IpLibrary() {}

  static CelLibrary library() {
    return new CelLibrary("ip",
        List.of(
            newFunctionDeclaration("ip", newGlobalOverload("ip_string", IP, SimpleType.STRING),
                newMemberOverload("cidr_ip", IP, CIDR)),
            newFunctionDeclaration("isIP",
                newGlobalOverload("isIP_string", SimpleType.BOOL, SimpleType.STRING)),
            newFunctionDeclaration("ip.isCanonical",
                newGlobalOverload("ip_isCanonical_string", SimpleType.BOOL, SimpleType.STRING)),
            newFunctionDeclaration("string",
                newGlobalOverload("string_ip", SimpleType.STRING, IP),
                newGlobalOverload("string_cidr", SimpleType.STRING, CIDR)),
            newFunctionDeclaration("family", newMemberOverload("ip_family", SimpleType.INT, IP)),
            ipPredicate("isUnspecified"),
            ipPredicate("isLoopback"),
            ipPredicate("isLinkLocalMulticast"),
            ipPredicate("isLinkLocalUnicast"),
            ipPredicate("isGlobalUnicast"),
            newFunctionDeclaration("cidr",
                newGlobalOverload("cidr_string", CIDR, SimpleType.STRING)),
            newFunctionDeclaration("isCIDR",
                newGlobalOverload("isCIDR_string", SimpleType.BOOL, SimpleType.STRING)),
            newFunctionDeclaration("containsIP",
                newMemberOverload("cidr_containsIP_ip", SimpleType.BOOL, CIDR, IP),
                newMemberOverload("cidr_containsIP_string", SimpleType.BOOL, CIDR,
                    SimpleType.STRING)),
            newFunctionDeclaration("containsCIDR",
                newMemberOverload("cidr_containsCIDR_cidr", SimpleType.BOOL, CIDR, CIDR),
                newMemberOverload("cidr_containsCIDR_string", SimpleType.BOOL, CIDR,
                    SimpleType.STRING)),
            newFunctionDeclaration("masked", newMemberOverload("cidr_masked", CIDR, CIDR)),
            newFunctionDeclaration("prefixLength",
                newMemberOverload("cidr_prefixLength", SimpleType.INT, CIDR))),
        List.of(
            CelFunctionBinding.from("ip_string", String.class, IpLibrary::ip),
            CelFunctionBinding.from("cidr_ip", Cidr.class, Cidr::address),
            CelFunctionBinding.from("isIP_string", String.class, IpAddresses::isIp),
            CelFunctionBinding.from("ip_isCanonical_string", String.class,
                s -> IpAddresses.format(ip(s)).equals(s)),
            CelFunctionBinding.from("string_ip", InetAddress.class, IpAddresses::format),
            CelFunctionBinding.from("string_cidr", Cidr.class, Cidr::toString),
            CelFunctionBinding.from("ip_family", InetAddress.class,
                a -> (long) IpAddresses.family(a)),
            CelFunctionBinding.from("ip_isUnspecified", InetAddress.class,
                InetAddress::isAnyLocalAddress),
            CelFunctionBinding.from("ip_isLoopback", InetAddress.class,
                InetAddress::isLoopbackAddress),
            CelFunctionBinding.from("ip_isLinkLocalMulticast", InetAddress.class,
                IpAddresses::isLinkLocalMulticast),
            CelFunctionBinding.from("ip_isLinkLocalUnicast", InetAddress.class,
                InetAddress::isLinkLocalAddress),
            CelFunctionBinding.from("ip_isGlobalUnicast", InetAddress.class,
                IpAddresses::isGlobalUnicast),
            CelFunctionBinding.from("cidr_string", String.class, IpLibrary::cidr),
            CelFunctionBinding.from("isCIDR_string", String.class, Cidr::isCidr),
            CelFunctionBinding.from("cidr_containsIP_ip", Cidr.class, InetAddress.class,
                Cidr::contains),
            CelFunctionBinding.from("cidr_containsIP_string", Cidr.class, String.class,
                (c, s) -> c.contains(ip(s))),
            CelFunctionBinding.from("cidr_containsCIDR_cidr", Cidr.class, Cidr.class,
                Cidr::contains),
            CelFunctionBinding.from("cidr_containsCIDR_string", Cidr.class, String.class,
                (c, s) -> c.contains(cidr(s))),
            CelFunctionBinding.from("cidr_masked", Cidr.class, Cidr::masked),
            CelFunctionBinding.from("cidr_prefixLength", Cidr.class,
                c -> (long) c.prefixLength())));
  }

  private static dev.cel.common.CelFunctionDecl ipPredicate(String name) {
    return newFunctionDeclaration(name,
        newMemberOverload("ip_" + name, SimpleType.BOOL, IP));
  }

  private static InetAddress ip(String s) throws CelEvaluationException {
    try {
      return IpAddresses.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CelEvaluationException(e.getMessage());
    }
  }

  private static Cidr cidr(String s) throws CelEvaluationException {
    try {
      return Cidr.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CelEvaluationException(e.getMessage());
    }
  }
}
