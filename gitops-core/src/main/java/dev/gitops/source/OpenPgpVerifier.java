package dev.gitops.source;

import dev.gitops.model.Verification;
import dev.gitops.model.Verification.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Checks OpenPGP detached signatures (Git's default {@code gpg.format}) against trusted keys,
 * their subkeys included.
 */
final class OpenPgpVerifier {
  static final String BEGIN = "-----BEGIN PGP SIGNATURE-----";
  static final String END = "-----END PGP SIGNATURE-----";

  private final List<PGPPublicKeyRing> trusted;

  OpenPgpVerifier(List<PGPPublicKeyRing> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** The trusted keys' primary fingerprints. */
  List<String> fingerprints() {
    return trusted.stream().map(r -> OpenPgpKeyBlock.fingerprint(r.getPublicKey())).toList();
  }

  Verification verify(byte[] payload, String armored) {
    List<PGPSignature> signatures;
    try {
      signatures = read(armored);
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports damaged armor, checksums and packets with assorted exceptions.
      return bad("", "the OpenPGP signature cannot be parsed: " + e.getMessage());
    }
    if (signatures.isEmpty()) {
      return bad("", "the OpenPGP armor holds no signature packet");
    }
    // Usually one signature; with several, the first by a trusted key decides.
    for (PGPSignature sig : signatures) {
      Optional<SigningKey> key = find(sig);
      if (key.isPresent()) {
        return check(sig, key.get(), payload);
      }
    }
    String issuer = issuer(signatures.get(0));
    if (issuer.isEmpty()) {
      return bad("", "the OpenPGP signature does not name the key that made it");
    }
    return new Verification(Status.UNKNOWN_KEY, "", issuer,
        "the commit is signed with OpenPGP key " + issuer + ", which is not a trusted key");
  }

  private static List<PGPSignature> read(String armored) throws IOException {
    String text = armored.strip();
    int end = text.indexOf(END);
    if (end < 0) {
      throw new IOException("it has no " + END + " line");
    }
    if (!text.substring(end + END.length()).isBlank()) {
      throw new IOException("text follows the " + END + " line");
    }
    List<PGPSignature> out = new ArrayList<>();
    try (InputStream in = new ArmoredInputStream(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)))) {
      JcaPGPObjectFactory objects = new JcaPGPObjectFactory(in);
      Object first = objects.nextObject();
      if (first instanceof PGPSignatureList list) {
        list.forEach(out::add);
      } else if (first != null) {
        throw new IOException("it holds a " + first.getClass().getSimpleName()
            + " instead of a detached signature");
      }
    }
    return out;
  }

  private Optional<SigningKey> find(PGPSignature sig) {
    for (KeyIdentifier id : sig.getKeyIdentifiers()) {
      if (id.isWildcard()) {
        continue;
      }
      for (PGPPublicKeyRing ring : trusted) {
        PGPPublicKey key = ring.getPublicKey(id);
        if (key != null) {
          return Optional.of(new SigningKey(ring, key));
        }
      }
    }
    return Optional.empty();
  }

  /** The best name the signature gives its key: the issuer fingerprint, else the key id. */
  private static String issuer(PGPSignature sig) {
    String keyId = "";
    for (KeyIdentifier id : sig.getKeyIdentifiers()) {
      if (id.getFingerprint() != null) {
        return OpenPgpKeyBlock.hex(id.getFingerprint());
      }
      if (keyId.isEmpty() && !id.isWildcard()) {
        keyId = OpenPgpKeyBlock.keyId(id.getKeyId());
      }
    }
    return keyId;
  }

  private static Verification check(PGPSignature sig, SigningKey signing, byte[] payload) {
    String fingerprint = OpenPgpKeyBlock.fingerprint(signing.key());
    int type = sig.getSignatureType();
    if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return bad(fingerprint, String.format(Locale.ROOT,
          "the OpenPGP signature has type 0x%02X, which certifies keys rather than signing data",
          type));
    }
    Optional<String> unusable = unusable(signing, sig);
    if (unusable.isPresent()) {
      return bad(fingerprint, unusable.get());
    }
    try {
      sig.init(new JcaPGPContentVerifierBuilderProvider().setProvider(Bc.PROVIDER), signing.key());
      sig.update(payload);
      if (!sig.verify()) {
        return bad(fingerprint, "the OpenPGP signature by key " + fingerprint + " does not match the"
            + " commit; the commit was changed after signing or the signature belongs to other data");
      }
    } catch (PGPException | RuntimeException e) {
      return bad(fingerprint, "the OpenPGP signature by key " + fingerprint
          + " cannot be checked: " + e.getMessage());
    }
    String signer = OpenPgpKeyBlock.primaryUserId(signing.ring());
    PGPPublicKey primary = signing.ring().getPublicKey();
    String which = signing.key() == primary ? "key " + fingerprint
        : "subkey " + fingerprint + " of key " + OpenPgpKeyBlock.fingerprint(primary);
    return new Verification(Status.VERIFIED, signer, fingerprint,
        "good OpenPGP signature by " + (signer.isEmpty() ? which : signer + " (" + which + ")"));
  }

  /** Why the key may not sign at the signature's time (revoked or expired), if it may not. */
  private static Optional<String> unusable(SigningKey signing, PGPSignature sig) {
    PGPPublicKey primary = signing.ring().getPublicKey();
    List<PGPPublicKey> keys =
        signing.key() == primary ? List.of(primary) : List.of(primary, signing.key());
    for (PGPPublicKey k : keys) {
      String what = (k == primary ? "key " : "subkey ") + OpenPgpKeyBlock.fingerprint(k);
      if (k.hasRevocation()) {
        return Optional.of("the OpenPGP " + what + " is revoked");
      }
      long validSeconds = k.getValidSeconds();
      if (validSeconds > 0 && sig.getCreationTime() != null) {
        Instant expiry = k.getCreationTime().toInstant().plusSeconds(validSeconds);
        if (sig.getCreationTime().toInstant().isAfter(expiry)) {
          return Optional.of("the OpenPGP " + what + " expired at " + expiry
              + ", before the signature was made at " + sig.getCreationTime().toInstant());
        }
      }
    }
    return Optional.empty();
  }

  private static Verification bad(String keyId, String reason) {
    return new Verification(Status.BAD_SIGNATURE, "", keyId, reason);
  }

  /** A trusted key, or subkey, together with the certificate it belongs to. */
  private record SigningKey(PGPPublicKeyRing ring, PGPPublicKey key) {}

  /** Created on first use: constructing the provider takes a noticeable moment. */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
