package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.source.SshKnownHosts.Verdict;
import dev.gitops.testing.SshClientKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

class SshKnownHostsTest {
  private static final PublicKey KEY = SshClientKey.generate().publicKey();
  private static final PublicKey OTHER = SshClientKey.generate().publicKey();

  private static String entry(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  @Test
  void trustsTheKeyGivenForTheHostAndPort() {
    SshKnownHosts hosts = SshKnownHosts.parse("[git.example.com]:2222 " + entry(KEY));

    assertThat(hosts.check("[git.example.com]:2222", KEY)).isEqualTo(Verdict.TRUSTED);
    assertThat(hosts.lookup("[git.example.com]:2222", null, null)).containsExactly(KEY);
  }

  @Test
  void anEntryWithoutPortIsForPort22Only() {
    SshKnownHosts hosts = SshKnownHosts.parse("git.example.com " + entry(KEY));

    assertThat(hosts.check("git.example.com", KEY)).isEqualTo(Verdict.TRUSTED);
    assertThat(hosts.check("[git.example.com]:2222", KEY)).isEqualTo(Verdict.UNKNOWN_HOST);
  }

  @Test
  void anotherKeyForAKnownHostIsAChangedKey() {
    SshKnownHosts hosts = SshKnownHosts.parse("git.example.com " + entry(KEY));

    assertThat(hosts.check("git.example.com", OTHER)).isEqualTo(Verdict.CHANGED);
    assertThat(hosts.check("other.example.com", KEY)).isEqualTo(Verdict.UNKNOWN_HOST);
  }

  @Test
  void matchesHashedHostNames() throws GeneralSecurityException {
    byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(salt, "HmacSHA1"));
    byte[] hash = mac.doFinal("[git.example.com]:2222".getBytes(StandardCharsets.US_ASCII));
    Base64.Encoder b64 = Base64.getEncoder();
    String hashed = "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash);

    SshKnownHosts hosts = SshKnownHosts.parse(hashed + " " + entry(KEY));

    assertThat(hosts.check("[git.example.com]:2222", KEY)).isEqualTo(Verdict.TRUSTED);
    assertThat(hosts.check("git.example.com", KEY)).isEqualTo(Verdict.UNKNOWN_HOST);
  }

  @Test
  void honoursPatternsAndNegation() {
    SshKnownHosts hosts =
        SshKnownHosts.parse("*.example.com,!evil.example.com " + entry(KEY));

    assertThat(hosts.check("git.example.com", KEY)).isEqualTo(Verdict.TRUSTED);
    assertThat(hosts.check("evil.example.com", KEY)).isEqualTo(Verdict.UNKNOWN_HOST);
  }

  @Test
  void aRevokedKeyIsRefusedEvenWhenListedForTheHost() {
    SshKnownHosts hosts = SshKnownHosts.parse(
        "git.example.com " + entry(KEY) + "\n@revoked * " + entry(KEY) + "\n");

    assertThat(hosts.check("git.example.com", KEY)).isEqualTo(Verdict.REVOKED);
  }

  @Test
  void certificateAuthorityLinesTrustNoPlainKey() {
    SshKnownHosts hosts = SshKnownHosts.parse("@cert-authority git.example.com " + entry(KEY));

    assertThat(hosts.check("git.example.com", KEY)).isEqualTo(Verdict.UNKNOWN_HOST);
    assertThat(hosts.lookup("git.example.com", null, null)).isEmpty();
  }

  @Test
  void skipsLinesItCannotUse() {
    SshKnownHosts hosts = SshKnownHosts.parse(String.join("\n",
        "# a comment",
        "",
        "garbage",
        "git.example.com ssh-unknown AAAAB3NzaC1yc2E=",
        "git.example.com " + entry(KEY)));

    assertThat(hosts.size()).isEqualTo(1);
    assertThat(hosts.skipped()).isEqualTo(2);
    assertThat(hosts.check("git.example.com", KEY)).isEqualTo(Verdict.TRUSTED);
  }

  @Test
  void remembersWhyAHostKeyWasRefused() {
    SshKnownHosts hosts = SshKnownHosts.parse("[git.example.com]:2222 " + entry(KEY));

    assertThat(hosts.accept("[other.example.com]:2222", null, KEY, null, null)).isFalse();
    assertThat(hosts.accept("[git.example.com]:2222", null, OTHER, null, null)).isFalse();
    assertThat(hosts.refusal("[other.example.com]:2222")).contains("no entry for");
    assertThat(hosts.refusal("[git.example.com]:2222")).contains("changed");

    assertThat(hosts.accept("[git.example.com]:2222", null, KEY, null, null)).isTrue();
    assertThat(hosts.refusal("[git.example.com]:2222")).isNull();
  }
}
