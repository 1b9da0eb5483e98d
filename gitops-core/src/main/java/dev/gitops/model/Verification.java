package dev.gitops.model;

import static java.util.Objects.requireNonNull;

/**
 * Outcome of checking a commit's signature.
 *
 * @param status what was found
 * @param signer who signed, as named by the trusted key (user id or key comment), empty if none
 * @param keyId fingerprint or key id of the signing key, empty if none
 * @param reason a sentence explaining the status, for reports and errors
 */
public record Verification(Status status, String signer, String keyId, String reason) {

  /** What verification found. */
  public enum Status {
    /** Verification was not asked for; the commit may or may not carry a signature. */
    NOT_CHECKED,
    /** A valid signature from a trusted key. */
    VERIFIED,
    /** The commit carries no signature. */
    UNSIGNED,
    /** A signature by a key that is not in the trusted set. */
    UNKNOWN_KEY,
    /** A signature that does not match the commit, or that cannot be parsed. */
    BAD_SIGNATURE
  }

  public Verification {
    requireNonNull(status, "status");
    requireNonNull(signer, "signer");
    requireNonNull(keyId, "keyId");
    requireNonNull(reason, "reason");
  }

  public static Verification notChecked() {
    return new Verification(Status.NOT_CHECKED, "", "", "verification not required");
  }

  public boolean isVerified() {
    return status == Status.VERIFIED;
  }
}
