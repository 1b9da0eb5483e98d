package dev.gitops.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * An armored SSHSIG signature as {@code ssh-keygen -Y sign} writes it (OpenSSH PROTOCOL.sshsig):
 * magic {@code SSHSIG}, version 1, the signer's public key blob, namespace, reserved, hash
 * algorithm and the signature blob (algorithm name and signature bytes).
 */
record SshSignature(
    byte[] publicKey,
    String namespace,
    byte[] reserved,
    String hashAlgorithm,
    String signatureAlgorithm,
    byte[] signature) {

  static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
  static final String END = "-----END SSH SIGNATURE-----";
  static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);

  /**
   * Parses the armored form.
   *
   * @throws SshWire.MalformedException saying what is wrong
   */
  static SshSignature parse(String armored) {
    String text = armored.strip();
    if (!text.startsWith(BEGIN)) {
      throw new SshWire.MalformedException("it does not start with " + BEGIN);
    }
    int end = text.indexOf(END);
    if (end < 0) {
      throw new SshWire.MalformedException("it has no " + END + " line");
    }
    if (!text.substring(end + END.length()).isBlank()) {
      throw new SshWire.MalformedException("text follows the " + END + " line");
    }
    String base64 = text.substring(BEGIN.length(), end).replaceAll("\\s+", "");
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new SshWire.MalformedException("its body is not valid base64");
    }
    SshWire.Reader r = new SshWire.Reader(blob);
    if (!Arrays.equals(r.bytes(MAGIC.length, "the SSHSIG magic"), MAGIC)) {
      throw new SshWire.MalformedException("it does not begin with the SSHSIG magic");
    }
    int version = r.uint32("the version");
    if (version != 1) {
      throw new SshWire.MalformedException("its version is " + version + ", only version 1 exists");
    }
    byte[] publicKey = r.string("the public key");
    String namespace = r.text("the namespace");
    byte[] reserved = r.string("the reserved field");
    String hashAlgorithm = r.text("the hash algorithm");
    SshWire.Reader sig = new SshWire.Reader(r.string("the signature"));
    r.end("the signature");
    String signatureAlgorithm = sig.text("the signature algorithm");
    byte[] signature = sig.string("the signature value");
    sig.end("the signature value");
    return new SshSignature(
        publicKey, namespace, reserved, hashAlgorithm, signatureAlgorithm, signature);
  }

  /** The bytes the signature covers: the magic, namespace, reserved, hash name and message hash. */
  byte[] signedData(byte[] messageHash) {
    return new SshWire.Writer()
        .raw(MAGIC)
        .string(namespace)
        .string(reserved)
        .string(hashAlgorithm)
        .string(messageHash)
        .toByteArray();
  }
}
