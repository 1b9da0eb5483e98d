package dev.gitops.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.util.encoders.Hex;

/**
 * A freshly generated OpenPGP key that signs commits the way {@code git commit -S} does with
 * GnuPG: a detached, armored binary-document signature over the commit payload. Made with
 * Bouncy Castle; nothing touches a keyring on disk.
 *
 * <pre>{@code
 * OpenPgpTestKey key = TestKeys.openPgp("Alice <alice@example.com>");
 * TrustedKeys keys = TrustedKeys.builder().openPgpKey(key.armoredPublicKey()).build();
 * git.commit().add("a.yaml", yaml).signer(key.signer()).call();
 * }</pre>
 */
public final class OpenPgpTestKey {
  private static final Provider BC = new BouncyCastleProvider();

  private final String userId;
  private final PGPPublicKeyRing publicRing;
  private final PGPKeyPair signing;

  private OpenPgpTestKey(String userId, PGPPublicKeyRing publicRing, PGPKeyPair signing) {
    this.userId = userId;
    this.publicRing = publicRing;
    this.signing = signing;
  }

  /** Options for a key; {@link Builder#generate()} makes it. */
  public static Builder builder(String userId) {
    return new Builder(userId);
  }

  public String userId() {
    return userId;
  }

  /** The public key (certificate), as {@code gpg --armor --export} would give it. */
  public String armoredPublicKey() {
    return armor(List.of(publicRing));
  }

  /** The certificate, for combining several into one key block. */
  public PGPPublicKeyRing publicKeyRing() {
    return publicRing;
  }

  /** Fingerprint of the key that signs (the subkey, if there is one), upper-case hex. */
  public String signingFingerprint() {
    return hex(signing.getPublicKey().getFingerprint());
  }

  /** Fingerprint of the primary key, upper-case hex. */
  public String primaryFingerprint() {
    return hex(publicRing.getPublicKey().getFingerprint());
  }

  /** Signs commit payloads now. */
  public Function<byte[], String> signer() {
    return payload -> sign(payload, Instant.now());
  }

  /** An armored detached signature of the data, made at the given time. */
  public String sign(byte[] data, Instant at) {
    try {
      PGPPublicKey pub = signing.getPublicKey();
      PGPSignatureGenerator gen = new PGPSignatureGenerator(
          new JcaPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA512)
              .setProvider(BC),
          pub);
      gen.init(PGPSignature.BINARY_DOCUMENT, signing.getPrivateKey());
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, Date.from(at));
      hashed.setIssuerFingerprint(false, pub);
      gen.setHashedSubpackets(hashed.generate());
      gen.update(data);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        gen.generate().encode(armor);
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (PGPException e) {
      throw new IllegalStateException("cannot sign", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Several certificates in one armored key block, as an export of several keys gives. */
  public static String armor(List<PGPPublicKeyRing> rings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
      for (PGPPublicKeyRing ring : rings) {
        ring.encode(armor, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "OpenPgpTestKey[" + userId + " " + primaryFingerprint() + "]";
  }

  private static String hex(byte[] b) {
    return Hex.toHexString(b).toUpperCase(Locale.ROOT);
  }

  /** What kind of key to generate. */
  public static final class Builder {
    private final String userId;
    private boolean rsa;
    private boolean signingSubkey;
    private boolean revoked;
    private Instant createdAt;
    private Duration validFor;

    private Builder(String userId) {
      this.userId = requireNonNull(userId, "userId");
    }

    /** RSA 2048 keys instead of Ed25519. */
    public Builder rsa() {
      this.rsa = true;
      return this;
    }

    /** A certify-only primary key with a separate signing subkey, as GnuPG users often have. */
    public Builder signingSubkey() {
      this.signingSubkey = true;
      return this;
    }

    /** Adds a revocation of the primary key to the certificate. */
    public Builder revoked() {
      this.revoked = true;
      return this;
    }

    /** When the keys were created; default now (with {@link #validFor}, makes expired keys). */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = requireNonNull(createdAt, "createdAt");
      return this;
    }

    /** How long the keys stay valid after creation; default forever. */
    public Builder validFor(Duration validFor) {
      this.validFor = requireNonNull(validFor, "validFor");
      return this;
    }

    public OpenPgpTestKey generate() {
      try {
        Date created = Date.from(createdAt != null ? createdAt : Instant.now());
        PGPKeyPair primary = keyPair(created);
        PGPSignatureSubpacketGenerator primaryHashed = new PGPSignatureSubpacketGenerator();
        primaryHashed.setKeyFlags(false,
            signingSubkey ? KeyFlags.CERTIFY_OTHER : KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        primaryHashed.setPrimaryUserID(false, true);
        if (validFor != null) {
          primaryHashed.setKeyExpirationTime(false, validFor.toSeconds());
        }
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
            new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
            primaryHashed.generate(), null, signerBuilder(primary), null);
        PGPKeyPair signing = primary;
        if (signingSubkey) {
          signing = keyPair(created);
          PGPSignatureSubpacketGenerator subHashed = new PGPSignatureSubpacketGenerator();
          subHashed.setKeyFlags(false, KeyFlags.SIGN_DATA);
          if (validFor != null) {
            subHashed.setKeyExpirationTime(false, validFor.toSeconds());
          }
          subHashed.addEmbeddedSignature(false, backSignature(primary, signing));
          rings.addSubKey(signing, subHashed.generate(), null);
        }
        PGPPublicKeyRing ring = rings.generatePublicKeyRing();
        if (revoked) {
          ring = PGPPublicKeyRing.insertPublicKey(ring, revoke(primary, ring.getPublicKey()));
        }
        return new OpenPgpTestKey(userId, ring, signing);
      } catch (PGPException | GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot generate an OpenPGP key for " + userId, e);
      }
    }

    private PGPKeyPair keyPair(Date created) throws GeneralSecurityException, PGPException {
      KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "Ed25519", BC);
      if (rsa) {
        g.initialize(2048);
      }
      int algorithm = rsa ? PublicKeyAlgorithmTags.RSA_GENERAL : PublicKeyAlgorithmTags.EDDSA_LEGACY;
      return new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, algorithm, g.generateKeyPair(), created);
    }

    private static JcaPGPContentSignerBuilder signerBuilder(PGPKeyPair key) {
      return new JcaPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
          .setProvider(BC);
    }

    /** The subkey's signature over the primary key, which a signing subkey must carry. */
    private static PGPSignature backSignature(PGPKeyPair primary, PGPKeyPair sub) throws PGPException {
      PGPSignatureGenerator gen = new PGPSignatureGenerator(signerBuilder(sub), sub.getPublicKey());
      gen.init(PGPSignature.PRIMARYKEY_BINDING, sub.getPrivateKey());
      return gen.generateCertification(primary.getPublicKey(), sub.getPublicKey());
    }

    private static PGPPublicKey revoke(PGPKeyPair primary, PGPPublicKey certified) throws PGPException {
      PGPSignatureGenerator gen = new PGPSignatureGenerator(signerBuilder(primary), primary.getPublicKey());
      gen.init(PGPSignature.KEY_REVOCATION, primary.getPrivateKey());
      return PGPPublicKey.addCertification(certified, gen.generateCertification(certified));
    }
  }
}
