package dev.gitops.source;

import dev.gitops.model.Verification;
import dev.gitops.model.Verification.Status;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.util.List;
import java.util.Optional;

/** Checks SSHSIG commit signatures (Git's {@code gpg.format=ssh}) against trusted SSH keys. */
final class SshSignatureVerifier {
  /** The namespace Git signs commits and tags in; a signature for any other purpose is refused. */
  static final String GIT_NAMESPACE = "git";

  private final List<SshPublicKey> trusted;

  SshSignatureVerifier(List<SshPublicKey> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  Verification verify(byte[] payload, String armored) {
    SshSignature sig;
    try {
      sig = SshSignature.parse(armored);
    } catch (SshWire.MalformedException e) {
      return bad("", "the SSH signature cannot be parsed: " + e.getMessage());
    }
    String fingerprint = SshPublicKey.fingerprint(sig.publicKey());
    if (!sig.namespace().equals(GIT_NAMESPACE)) {
      return bad(fingerprint, "the SSH signature was made for namespace '" + sig.namespace()
          + "', not '" + GIT_NAMESPACE + "', so it does not sign a Git commit");
    }
    Optional<SshPublicKey> found =
        trusted.stream().filter(k -> k.hasBlob(sig.publicKey())).findFirst();
    if (found.isEmpty()) {
      return new Verification(Status.UNKNOWN_KEY, "", fingerprint,
          "the commit is signed with SSH key " + fingerprint + ", which is not a trusted key");
    }
    SshPublicKey key = found.get();
    String digest = switch (sig.hashAlgorithm()) {
      case "sha256" -> "SHA-256";
      case "sha512" -> "SHA-512";
      default -> null;
    };
    if (digest == null) {
      return bad(fingerprint, "the SSH signature uses hash algorithm '" + sig.hashAlgorithm()
          + "'; only sha256 and sha512 are allowed");
    }
    Optional<String> algorithm = key.type().jcaAlgorithm(sig.signatureAlgorithm());
    if (algorithm.isEmpty()) {
      return bad(fingerprint, "the SSH signature uses algorithm '" + sig.signatureAlgorithm()
          + "', which is not accepted for a " + key.type().sshName() + " key"
          + (sig.signatureAlgorithm().equals("ssh-rsa") ? " because it hashes with SHA-1" : ""));
    }
    try {
      byte[] hash = MessageDigest.getInstance(digest).digest(payload);
      Signature verifier = Signature.getInstance(algorithm.get());
      verifier.initVerify(key.publicKey());
      verifier.update(sig.signedData(hash));
      if (!verifier.verify(key.type().jcaSignature(sig.signature()))) {
        return bad(fingerprint, "the SSH signature by key " + fingerprint + " does not match the"
            + " commit; the commit was changed after signing or the signature belongs to other data");
      }
    } catch (SshWire.MalformedException | SignatureException e) {
      return bad(fingerprint, "the SSH signature value is malformed: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      return bad(fingerprint, "the SSH signature cannot be checked with this JDK: " + e.getMessage());
    }
    String who = key.comment().isEmpty() ? "key " + fingerprint : key.comment();
    return new Verification(Status.VERIFIED, key.comment(), fingerprint,
        "good SSH signature by " + who + " (" + key.type().sshName() + " " + fingerprint + ")");
  }

  private static Verification bad(String keyId, String reason) {
    return new Verification(Status.BAD_SIGNATURE, "", keyId, reason);
  }

  List<SshPublicKey> keys() {
    return trusted;
  }
}
