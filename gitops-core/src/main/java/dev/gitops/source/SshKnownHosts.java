package dev.gitops.source;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Host keys from known_hosts text, checked strictly: a server is accepted only if a plain entry
 * for its host (and port) holds exactly the key it presents. Unknown hosts, changed keys,
 * {@code @revoked} keys and host certificates ({@code @cert-authority} lines are not honoured)
 * are refused. Nothing is ever asked, added or written; package-private.
 *
 * <p>Hosts are matched the way OpenSSH does it with {@code CheckHostIP no}: against the host
 * name as written in the URL, in brackets with the port when the port is not 22
 * ({@code [git.example.com]:2222}); hashed entries and patterns are understood. Lines that cannot
 * be parsed (unknown key types, garbage) are skipped, so they trust nothing.
 */
final class SshKnownHosts implements ServerKeyDatabase {
  private static final String REVOKED = "revoked";

  private final List<Line> lines;
  private final int skipped;
  private final Map<String, String> refusals = new ConcurrentHashMap<>();

  private record Line(KnownHostEntry entry, PublicKey key) {}

  private SshKnownHosts(List<Line> lines, int skipped) {
    this.lines = List.copyOf(lines);
    this.skipped = skipped;
  }

  /** Parses known_hosts text; blank lines and {@code #} comments are ignored. */
  static SshKnownHosts parse(String text) {
    List<Line> lines = new ArrayList<>();
    int skipped = 0;
    for (String raw : text.split("\r?\n|\r")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
        AuthorizedKeyEntry keyEntry = entry == null ? null : entry.getKeyEntry();
        PublicKey key = keyEntry == null ? null
            : keyEntry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        if (key == null) {
          skipped++;
        } else {
          lines.add(new Line(entry, key));
        }
      } catch (Exception e) { // IllegalArgumentException, IOException, GeneralSecurityException
        skipped++;
      }
    }
    return new SshKnownHosts(lines, skipped);
  }

  /** Number of usable entries. */
  int size() {
    return lines.size();
  }

  /** Number of non-comment lines that could not be used. */
  int skipped() {
    return skipped;
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress,
      Configuration config) {
    HostPort target = HostPort.parse(connectAddress);
    List<PublicKey> keys = new ArrayList<>();
    for (Line l : lines) {
      if (l.entry.getMarker() == null && l.entry.isHostMatch(target.host, target.port)) {
        keys.add(l.key);
      }
    }
    return keys;
  }

  @Override
  public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
      Configuration config, CredentialsProvider provider) {
    Verdict verdict = check(connectAddress, serverKey);
    if (verdict == Verdict.TRUSTED) {
      refusals.remove(connectAddress);
      return true;
    }
    // sshd reports only "Server key did not validate"; keep the reason for the error message.
    refusals.put(connectAddress, describe(verdict, connectAddress, serverKey));
    return false;
  }

  /**
   * Why the host key of {@code connectAddress} was last refused, or null if it was not. With
   * concurrent connections to one host this is the latest refusal, which is the same unless the
   * server changes its key in between.
   */
  String refusal(String connectAddress) {
    return refusals.get(connectAddress);
  }

  private String describe(Verdict verdict, String host, PublicKey key) {
    String offered = KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    return switch (verdict) {
      case UNKNOWN_HOST -> "SSH host key not trusted: known_hosts has no entry for " + host
          + " (the server offered " + offered + ")"
          + (skipped == 0 ? "" : "; " + skipped + " known_hosts line(s) could not be parsed");
      case CHANGED -> "SSH host key not trusted: the server " + host + " offered " + offered
          + ", which is not the key known_hosts gives for it; the server's key changed, or"
          + " the connection is intercepted";
      case REVOKED -> "SSH host key not trusted: the server " + host + " offered " + offered
          + ", which known_hosts marks @revoked";
      case TRUSTED -> throw new IllegalArgumentException("trusted");
    };
  }

  /** Why a key is, or is not, trusted for a host given as JGit's connect address. */
  Verdict check(String connectAddress, PublicKey serverKey) {
    HostPort target = HostPort.parse(connectAddress);
    boolean hostKnown = false;
    boolean matched = false;
    for (Line l : lines) {
      boolean sameKey = KeyUtils.compareKeys(l.key, serverKey);
      if (REVOKED.equals(l.entry.getMarker())) {
        // Refused whatever hosts its line names: stricter than OpenSSH, never weaker.
        if (sameKey) {
          return Verdict.REVOKED;
        }
        continue;
      }
      if (l.entry.getMarker() != null || !l.entry.isHostMatch(target.host, target.port)) {
        continue;
      }
      hostKnown = true;
      matched |= sameKey;
    }
    return matched ? Verdict.TRUSTED : hostKnown ? Verdict.CHANGED : Verdict.UNKNOWN_HOST;
  }

  enum Verdict { TRUSTED, UNKNOWN_HOST, CHANGED, REVOKED }

  /** {@code host}, or {@code [host]:port} as JGit and OpenSSH write non-default ports. */
  private record HostPort(String host, int port) {
    static HostPort parse(String address) {
      if (address.startsWith("[")) {
        int close = address.indexOf("]:");
        if (close > 0) {
          try {
            return new HostPort(address.substring(1, close),
                Integer.parseInt(address.substring(close + 2)));
          } catch (NumberFormatException e) {
            // not a port: fall through and treat the whole text as a host name
          }
        }
      }
      return new HostPort(address, 22);
    }
  }
}
