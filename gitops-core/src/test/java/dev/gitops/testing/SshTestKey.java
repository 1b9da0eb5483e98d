package dev.gitops.testing;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;

/**
 * A freshly generated SSH key pair that signs commits the way {@code git commit -S} does with
 * {@code gpg.format=ssh}: an armored SSHSIG signature (OpenSSH PROTOCOL.sshsig) in namespace
 * {@code git}. Made with the JDK alone.
 *
 * <pre>{@code
 * SshTestKey key = TestKeys.ssh("alice@example.com");
 * TrustedKeys keys = TrustedKeys.builder().sshKey(key.authorizedKeysLine()).build();
 * git.commit().add("a.yaml", yaml).signer(key.signer()).call();
 * }</pre>
 */
public final class SshTestKey {
  /** The key types the fixture generates. */
  public enum Type {
    ED25519("ssh-ed25519"),
    RSA("ssh-rsa"),
    ECDSA_P256("ecdsa-sha2-nistp256");

    private final String sshName;

    Type(String sshName) {
      this.sshName = sshName;
    }

    /** The SSH name of the key type, as in authorized_keys lines. */
    public String sshName() {
      return sshName;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Type type;
  private final KeyPair pair;
  private final String comment;
  private final byte[] publicBlob;

  private SshTestKey(Type type, KeyPair pair, String comment) {
    this.type = type;
    this.pair = pair;
    this.comment = comment;
    this.publicBlob = publicBlob();
  }

  /** Generates a key pair: Ed25519, RSA 2048 or ECDSA on NIST P-256. */
  public static SshTestKey generate(Type type, String comment) {
    requireNonNull(type, "type");
    requireNonNull(comment, "comment");
    try {
      KeyPairGenerator g;
      switch (type) {
        case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
        case RSA -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048);
        }
        case ECDSA_P256 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        default -> throw new IllegalArgumentException(type.name());
      }
      return new SshTestKey(type, g.generateKeyPair(), comment);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key", e);
    }
  }

  public Type type() {
    return type;
  }

  public String comment() {
    return comment;
  }

  /** The public key as one authorized_keys line: {@code type base64 comment}. */
  public String authorizedKeysLine() {
    String line = type.sshName + " " + Base64.getEncoder().encodeToString(publicBlob);
    return comment.isEmpty() ? line : line + " " + comment;
  }

  /** The fingerprint {@code ssh-keygen -l} prints: {@code SHA256:} and unpadded base64. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicBlob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs commit payloads in namespace {@code git} with SHA-512, as Git does. */
  public Function<byte[], String> signer() {
    return signer("git");
  }

  /** Signs commit payloads in another namespace, which Git must not accept for commits. */
  public Function<byte[], String> signer(String namespace) {
    return payload -> sign(payload, namespace, "sha512");
  }

  /**
   * An armored SSHSIG signature of the message.
   *
   * @param hashAlgorithm {@code sha256} or {@code sha512} (anything else gives a signature that
   *     verifiers should refuse)
   */
  public String sign(byte[] message, String namespace, String hashAlgorithm) {
    try {
      String digest = hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512";
      byte[] hash = MessageDigest.getInstance(digest).digest(message);
      byte[] magic = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
      byte[] signedData = new SshEncoding().raw(magic).string(namespace).string("")
          .string(hashAlgorithm).string(hash).toByteArray();
      byte[] blob = new SshEncoding().raw(magic).uint32(1).string(publicBlob).string(namespace)
          .string("").string(hashAlgorithm).string(signatureBlob(signedData)).toByteArray();
      return SshEncoding.armor("SSH SIGNATURE", blob);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + type, e);
    }
  }

  /** The private key as an unencrypted OpenSSH private key file ({@code openssh-key-v1}). */
  public String openSshPrivateKey() {
    int check = RANDOM.nextInt();
    SshEncoding secret = new SshEncoding().uint32(check).uint32(check).string(type.sshName);
    switch (type) {
      case ED25519 -> {
        byte[] pub = rawEd25519PublicKey();
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        byte[] both = Arrays.copyOf(seed, 64);
        System.arraycopy(pub, 0, both, 32, 32);
        secret.string(pub).string(both);
      }
      case RSA -> {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
        secret.mpint(k.getModulus()).mpint(k.getPublicExponent()).mpint(k.getPrivateExponent())
            .mpint(k.getCrtCoefficient()).mpint(k.getPrimeP()).mpint(k.getPrimeQ());
      }
      case ECDSA_P256 -> secret.string("nistp256").string(ecPoint())
          .mpint(((ECPrivateKey) pair.getPrivate()).getS());
      default -> throw new IllegalStateException(type.name());
    }
    secret.string(comment);
    for (int pad = 1; secret.size() % 8 != 0; pad++) {
      secret.raw(new byte[] {(byte) pad});
    }
    byte[] file = new SshEncoding().raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
        .string("none").string("none").string("").uint32(1).string(publicBlob)
        .string(secret.toByteArray()).toByteArray();
    return SshEncoding.armor("OPENSSH PRIVATE KEY", file);
  }

  private byte[] signatureBlob(byte[] data) throws GeneralSecurityException {
    String sshAlgorithm;
    String jcaAlgorithm;
    switch (type) {
      case ED25519 -> {
        sshAlgorithm = "ssh-ed25519";
        jcaAlgorithm = "Ed25519";
      }
      case RSA -> {
        sshAlgorithm = "rsa-sha2-512";
        jcaAlgorithm = "SHA512withRSA";
      }
      case ECDSA_P256 -> {
        sshAlgorithm = "ecdsa-sha2-nistp256";
        jcaAlgorithm = "SHA256withECDSAinP1363Format";
      }
      default -> throw new IllegalStateException(type.name());
    }
    Signature s = Signature.getInstance(jcaAlgorithm);
    s.initSign(pair.getPrivate());
    s.update(data);
    byte[] sig = s.sign();
    if (type == Type.ECDSA_P256) {
      // SSH wraps r and s as two mpints rather than the fixed-width r || s.
      sig = new SshEncoding()
          .mpint(new BigInteger(1, Arrays.copyOfRange(sig, 0, 32)))
          .mpint(new BigInteger(1, Arrays.copyOfRange(sig, 32, 64)))
          .toByteArray();
    }
    return new SshEncoding().string(sshAlgorithm).string(sig).toByteArray();
  }

  private byte[] publicBlob() {
    SshEncoding blob = new SshEncoding().string(type.sshName);
    switch (type) {
      case ED25519 -> blob.string(rawEd25519PublicKey());
      case RSA -> {
        RSAPublicKey k = (RSAPublicKey) pair.getPublic();
        blob.mpint(k.getPublicExponent()).mpint(k.getModulus());
      }
      case ECDSA_P256 -> blob.string("nistp256").string(ecPoint());
      default -> throw new IllegalStateException(type.name());
    }
    return blob.toByteArray();
  }

  private byte[] rawEd25519PublicKey() {
    // The X.509 encoding of an Ed25519 key ends with the 32 raw key bytes.
    byte[] x509 = pair.getPublic().getEncoded();
    return Arrays.copyOfRange(x509, x509.length - 32, x509.length);
  }

  private byte[] ecPoint() {
    ECPublicKey k = (ECPublicKey) pair.getPublic();
    byte[] point = new byte[65];
    point[0] = 0x04;
    fixed(k.getW().getAffineX(), point, 1);
    fixed(k.getW().getAffineY(), point, 33);
    return point;
  }

  private static void fixed(BigInteger v, byte[] out, int offset) {
    byte[] b = v.toByteArray();
    int start = b.length > 32 ? b.length - 32 : 0;
    System.arraycopy(b, start, out, offset + 32 - (b.length - start), b.length - start);
  }

  @Override
  public String toString() {
    return "SshTestKey[" + type.sshName + " " + fingerprint() + " " + comment + "]";
  }
}
