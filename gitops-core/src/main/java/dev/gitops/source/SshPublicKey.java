package dev.gitops.source;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/** A trusted SSH public key: its wire blob (what signatures embed), JCA key and comment. */
final class SshPublicKey {
  private final SshKeyType type;
  private final byte[] blob;
  private final PublicKey publicKey;
  private final String comment;
  private final String fingerprint;

  private SshPublicKey(SshKeyType type, byte[] blob, PublicKey publicKey, String comment) {
    this.type = type;
    this.blob = blob;
    this.publicKey = publicKey;
    this.comment = comment;
    this.fingerprint = fingerprint(blob);
  }

  /**
   * Parses an authorized_keys line of the form {@code type base64-blob [comment]}.
   *
   * @throws IllegalArgumentException saying what is wrong with the line
   */
  static SshPublicKey parse(String line) {
    String[] parts = line.strip().split("\\s+", 3);
    if (parts.length < 2 || parts[0].isEmpty()) {
      throw new IllegalArgumentException(
          "expected 'type base64-key [comment]', for example 'ssh-ed25519 AAAA... me@host'");
    }
    SshKeyType type = SshKeyType.named(parts[0]).orElseThrow(() -> new IllegalArgumentException(
        "unsupported key type '" + parts[0] + "'; supported are " + SshKeyType.supportedNames()));
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not valid base64: " + e.getMessage(), e);
    }
    SshWire.Reader r = new SshWire.Reader(blob);
    try {
      String inner = r.text("the key type");
      if (!inner.equals(type.sshName())) {
        throw new IllegalArgumentException(
            "the line says '" + type.sshName() + "' but the key inside is '" + inner + "'");
      }
      PublicKey key = type.decode(r);
      r.end("the key");
      return new SshPublicKey(type, blob, key, parts.length > 2 ? parts[2].strip() : "");
    } catch (SshWire.MalformedException e) {
      throw new IllegalArgumentException("the key data is malformed: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the key is not a valid " + type.sshName() + " key: "
          + e.getMessage(), e);
    }
  }

  /** The fingerprint {@code ssh-keygen -l} prints: SHA-256 of the blob, unpadded base64. */
  static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  boolean hasBlob(byte[] other) {
    return MessageDigest.isEqual(blob, other);
  }

  SshKeyType type() {
    return type;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  /** The authorized_keys comment, usually naming the owner; empty if the line had none. */
  String comment() {
    return comment;
  }

  String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return type.sshName() + " " + fingerprint;
  }
}
