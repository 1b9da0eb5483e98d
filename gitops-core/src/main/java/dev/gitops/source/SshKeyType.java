package dev.gitops.source;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SSH public key types whose signatures can be checked with the JDK alone, with how each
 * one's key blob decodes (RFC 4253, RFC 5656, RFC 8709) and which signature algorithms it
 * accepts (RFC 8332 for RSA). The methods declared here implement ECDSA; Ed25519 and RSA
 * override them.
 */
enum SshKeyType {
  ED25519("ssh-ed25519") {
    // DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw key follows.
    private final byte[] x509Prefix = {
      0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    @Override
    PublicKey decode(SshWire.Reader r) throws GeneralSecurityException {
      byte[] raw = r.string("the Ed25519 public key");
      if (raw.length != 32) {
        throw new SshWire.MalformedException(
            "an Ed25519 public key has 32 bytes, this one has " + raw.length);
      }
      byte[] der = Arrays.copyOf(x509Prefix, x509Prefix.length + raw.length);
      System.arraycopy(raw, 0, der, x509Prefix.length, raw.length);
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    @Override
    Optional<String> jcaAlgorithm(String signatureAlgorithm) {
      return signatureAlgorithm.equals("ssh-ed25519") ? Optional.of("Ed25519") : Optional.empty();
    }
  },

  RSA("ssh-rsa") {
    @Override
    PublicKey decode(SshWire.Reader r) throws GeneralSecurityException {
      BigInteger e = r.mpint("the RSA exponent");
      BigInteger n = r.mpint("the RSA modulus");
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    @Override
    Optional<String> jcaAlgorithm(String signatureAlgorithm) {
      // SSHSIG forbids "ssh-rsa" signatures, which hash with SHA-1.
      return switch (signatureAlgorithm) {
        case "rsa-sha2-256" -> Optional.of("SHA256withRSA");
        case "rsa-sha2-512" -> Optional.of("SHA512withRSA");
        default -> Optional.empty();
      };
    }
  },

  ECDSA_P256("ecdsa-sha2-nistp256", "nistp256", "secp256r1", 32, "SHA256"),
  ECDSA_P384("ecdsa-sha2-nistp384", "nistp384", "secp384r1", 48, "SHA384"),
  ECDSA_P521("ecdsa-sha2-nistp521", "nistp521", "secp521r1", 66, "SHA512");

  private final String sshName;
  private final String curve;
  private final String jcaCurve;
  private final int fieldBytes;
  private final String hash;

  SshKeyType(String sshName) {
    this(sshName, null, null, 0, null);
  }

  SshKeyType(String sshName, String curve, String jcaCurve, int fieldBytes, String hash) {
    this.sshName = sshName;
    this.curve = curve;
    this.jcaCurve = jcaCurve;
    this.fieldBytes = fieldBytes;
    this.hash = hash;
  }

  /** The name SSH uses for the key type, as in authorized_keys lines and key blobs. */
  String sshName() {
    return sshName;
  }

  static Optional<SshKeyType> named(String sshName) {
    return Stream.of(values()).filter(t -> t.sshName.equals(sshName)).findFirst();
  }

  /** The supported names, for error messages. */
  static String supportedNames() {
    return Stream.of(values()).map(SshKeyType::sshName).collect(Collectors.joining(", "));
  }

  /** Decodes the key-specific rest of a public key blob, after its type string. */
  PublicKey decode(SshWire.Reader r) throws GeneralSecurityException {
    String blobCurve = r.text("the curve name");
    if (!blobCurve.equals(curve)) {
      throw new SshWire.MalformedException(
          "a " + sshName + " key names curve '" + blobCurve + "' instead of '" + curve + "'");
    }
    byte[] q = r.string("the EC point");
    if (q.length != 1 + 2 * fieldBytes || q[0] != 0x04) {
      throw new SshWire.MalformedException("the EC point is not an uncompressed " + curve + " point");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + fieldBytes));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(q, 1 + fieldBytes, q.length));
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec(jcaCurve));
    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
  }

  /** The JCA signature algorithm for an SSH signature algorithm, if this key type allows it. */
  Optional<String> jcaAlgorithm(String signatureAlgorithm) {
    // P1363 is the plain r || s form, which is what the SSH encoding holds once unwrapped.
    return signatureAlgorithm.equals(sshName)
        ? Optional.of(hash + "withECDSAinP1363Format")
        : Optional.empty();
  }

  /** Converts SSH signature bytes to what the JCA algorithm takes. */
  byte[] jcaSignature(byte[] sshSignature) {
    if (curve == null) {
      return sshSignature; // Ed25519 and RSA carry the raw signature
    }
    SshWire.Reader r = new SshWire.Reader(sshSignature);
    BigInteger sigR = r.mpint("the ECDSA r value");
    BigInteger sigS = r.mpint("the ECDSA s value");
    r.end("the ECDSA signature");
    byte[] out = new byte[2 * fieldBytes];
    put(sigR, out, 0);
    put(sigS, out, fieldBytes);
    return out;
  }

  private void put(BigInteger v, byte[] out, int offset) {
    byte[] b = v.toByteArray();
    int start = b.length > 1 && b[0] == 0 ? 1 : 0; // drop the sign byte
    int len = b.length - start;
    if (v.signum() < 0 || len > fieldBytes) {
      throw new SshWire.MalformedException("an ECDSA signature value is out of range for " + curve);
    }
    System.arraycopy(b, start, out, offset + fieldBytes - len, len);
  }
}
