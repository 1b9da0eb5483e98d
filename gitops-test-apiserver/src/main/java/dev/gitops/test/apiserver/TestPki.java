package dev.gitops.test.apiserver;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key material for one test API server, written as PEM files: a throwaway CA with a serving
 * certificate for 127.0.0.1, and the service-account signing key pair.
 */
final class TestPki {
  // Long enough for any test run, short enough that a leaked key is worthless.
  private static final Duration VALIDITY = Duration.ofDays(7);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  /**
   * Creates a CA and a serving certificate signed by it (EC P-256: fast to generate), writes the
   * certificate and its key, and returns the CA certificate as PEM for clients to trust.
   */
  static String writeServingCertificate(Path certFile, Path keyFile) throws IOException {
    try {
      Instant now = Instant.now();
      Date notBefore = Date.from(now.minus(Duration.ofHours(1))); // tolerate clock skew
      Date notAfter = Date.from(now.plus(VALIDITY));

      KeyPair caKeys = ecKeyPair();
      X500Name caName = new X500Name("CN=gitops-sdk test CA");
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), notBefore,
          notAfter, caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCert = sign(ca, caKeys);

      KeyPair serverKeys = ecKeyPair();
      GeneralNames names = new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.dNSName, "kubernetes"),
          new GeneralName(GeneralName.dNSName, "kubernetes.default"),
          new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
      });
      X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(),
          notBefore, notAfter, new X500Name("CN=kube-apiserver"), serverKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, names);
      X509Certificate serverCert = sign(server, caKeys);

      Files.writeString(certFile, pem("CERTIFICATE", serverCert.getEncoded()));
      writePrivate(keyFile, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
      return pem("CERTIFICATE", caCert.getEncoded());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the test API server's certificates", e);
    }
  }

  /**
   * Writes an RSA key pair for service-account tokens: the API server signs with the private key
   * and verifies with the public one.
   */
  static void writeServiceAccountKeys(Path publicKeyFile, Path privateKeyFile) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      KeyPair keys = generator.generateKeyPair();
      Files.writeString(publicKeyFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
      writePrivate(privateKeyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the service-account key pair", e);
    }
  }

  /** PEM text of DER bytes: X.509 for certificates and public keys, PKCS#8 for private keys. */
  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void writePrivate(Path file, String pem) throws IOException {
    Files.writeString(file, pem);
    // Only the owner needs it; the directory is private too (temp directories are 0700).
    file.toFile().setReadable(false, false);
    file.toFile().setReadable(true, true);
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }
}
