package dev.gitops.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.util.encoders.Hex;

/** Reading ASCII-armored OpenPGP public keys, and naming them. */
final class OpenPgpKeyBlock {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", Pattern.DOTALL);

  private OpenPgpKeyBlock() {}

  /**
   * The keys (certificates) in armored text: one or more public key blocks, each of which may
   * hold several keys, as {@code gpg --armor --export} writes them.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  static List<PGPPublicKeyRing> parse(String armored) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    Matcher m = BLOCK.matcher(armored);
    while (m.find()) {
      for (Object o : packets(m.group())) {
        if (!(o instanceof PGPPublicKeyRing ring)) {
          throw new IllegalArgumentException("the key block holds a "
              + o.getClass().getSimpleName() + " where only public keys belong");
        }
        rings.add(ring);
      }
    }
    if (rings.isEmpty()) {
      throw new IllegalArgumentException(armored.contains("PRIVATE KEY BLOCK")
          ? "it is a private key; give the public key (gpg --armor --export KEY)"
          : "it holds no -----BEGIN PGP PUBLIC KEY BLOCK----- with a key in it");
    }
    return rings;
  }

  private static List<Object> packets(String block) {
    List<Object> out = new ArrayList<>();
    try (InputStream in = new ArmoredInputStream(
        new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)))) {
      JcaPGPObjectFactory objects = new JcaPGPObjectFactory(in);
      for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
        out.add(o);
      }
      return out;
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports damaged armor and packets with assorted exception types.
      throw new IllegalArgumentException("the key block cannot be read: " + e.getMessage(), e);
    }
  }

  /** A key's fingerprint in upper-case hex without spaces, as {@code gpg --with-colons} prints it. */
  static String fingerprint(PGPPublicKey key) {
    return hex(key.getFingerprint());
  }

  /** Upper-case hex, the form fingerprints are reported in. */
  static String hex(byte[] bytes) {
    return Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
  }

  /** A 64-bit key id in upper-case hex, 16 digits. */
  static String keyId(long keyId) {
    return String.format(Locale.ROOT, "%016X", keyId);
  }

  /**
   * The user id the key's owner marked primary, else its first user id; empty if it has none.
   */
  static String primaryUserId(PGPPublicKeyRing ring) {
    PGPPublicKey primary = ring.getPublicKey();
    String first = "";
    for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
      String id = ids.next();
      if (first.isEmpty()) {
        first = id;
      }
      for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs.hasNext(); ) {
        PGPSignature sig = sigs.next();
        if (sig.getHashedSubPackets() != null && sig.getHashedSubPackets().isPrimaryUserID()) {
          return id;
        }
      }
    }
    return first;
  }
}
