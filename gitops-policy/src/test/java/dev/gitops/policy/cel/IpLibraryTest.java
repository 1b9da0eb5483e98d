package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLibraryTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final Manifest OBJECT = TestObjects.one("""
      apiVersion: v1
      kind: Service
      metadata: {name: svc, namespace: apps}
      spec:
        clusterIP: 10.96.0.10
        loadBalancerSourceRanges: [192.168.0.0/16, 10.0.0.0/8]
      """);

  private static List<Verdict> run(String expression) {
    return RulePolicy.of(RuleSet.of("t", CEL.compile(CelRule.of("t", expression, "false"))))
        .evaluate(OBJECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "isIP('10.0.0.1') && isIP('::1') && isIP('2001:db8::68')",
      "!isIP('10.0.0.256') && !isIP('010.0.0.1') && !isIP('fe80::1%eth0') && !isIP('example.com')",
      "!isIP('::ffff:10.0.0.1') && !isIP('1.2.3') && !isIP('')",
      "ip('10.0.0.1').family() == 4 && ip('::1').family() == 6",
      "ip('0.0.0.0').isUnspecified() && ip('::').isUnspecified() && !ip('10.0.0.1').isUnspecified()",
      "ip('127.0.0.1').isLoopback() && ip('::1').isLoopback() && !ip('10.0.0.1').isLoopback()",
      "ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast()",
      "!ip('224.0.1.1').isLinkLocalMulticast()",
      "ip('169.254.1.1').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast()",
      "ip('10.0.0.1').isGlobalUnicast() && ip('2001:db8::1').isGlobalUnicast()",
      "!ip('255.255.255.255').isGlobalUnicast() && !ip('127.0.0.1').isGlobalUnicast()",
      "string(ip('2001:DB8:0:0:0:0:0:1')) == '2001:db8::1' && string(ip('10.0.0.1')) == '10.0.0.1'",
      "ip.isCanonical('2001:db8::1') && !ip.isCanonical('2001:DB8::1')",
      "!ip.isCanonical('2001:db8:0:0:0:0:0:1') && ip.isCanonical('1:0:1::1:0:0') && !ip.isCanonical('1:0:1:0:0:1::')",
      "ip('10.0.0.1') == ip('10.0.0.1') && ip('::1') != ip('::2')",
      "isCIDR('10.0.0.0/8') && isCIDR('2001:db8::/32') && !isCIDR('10.0.0.0') && !isCIDR('10.0.0.0/33')",
      "cidr('10.0.0.0/8').containsIP(ip(object.spec.clusterIP))",
      "cidr('10.0.0.0/8').containsIP('10.1.2.3') && !cidr('10.0.0.0/8').containsIP('11.0.0.1')",
      "!cidr('10.0.0.0/8').containsIP('::1') && cidr('2001:db8::/32').containsIP('2001:db8::5')",
      "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') && !cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8')",
      "cidr('0.0.0.0/0').containsCIDR(cidr('192.168.0.0/16'))",
      "object.spec.loadBalancerSourceRanges.all(r, cidr('0.0.0.0/0').containsCIDR(r))",
      "cidr('192.168.1.5/24').ip() == ip('192.168.1.5') && cidr('192.168.1.5/24').prefixLength() == 24",
      "string(cidr('192.168.1.5/24').masked()) == '192.168.1.0/24'",
      "cidr('2001:db8::1/32').masked() == cidr('2001:db8::/32')",
  })
  void evaluatesToTrue(String expression) {
    assertThat(run(expression)).as(expression).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ip('example.com').family() == 4", "cidr('10.0.0.0/40').prefixLength() == 0"})
  void invalidInputIsAnError(String expression) {
    assertThat(run(expression)).singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("rule could not be evaluated"));
  }

  @Test
  void neverResolvesNames() {
    assertThatThrownBy(() -> IpAddresses.parse("localhost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IpAddresses.format(IpAddresses.parse("0:0:1:0:0:0:0:0"))).isEqualTo("0:0:1::");
    assertThat(IpAddresses.format(IpAddresses.parse("::"))).isEqualTo("::");
  }
}
