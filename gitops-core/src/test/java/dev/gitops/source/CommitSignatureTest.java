package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Splitting a raw commit into its signature and the payload that was signed. */
class CommitSignatureTest {
  private static final String HEADERS = "tree 3bb2a7091d6a161590d5d1379f43b608c868615c\n"
      + "author A <a@example.com> 1795774128 +0000\n"
      + "committer A <a@example.com> 1795774128 +0000\n";

  private static CommitSignature split(String raw) {
    return CommitSignature.of(raw.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  private static String payload(CommitSignature s) {
    return new String(s.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void signatureIsTheGpgsigHeaderWithContinuationSpacesRemoved() {
    CommitSignature s = split(HEADERS
        + "gpgsig -----BEGIN SSH SIGNATURE-----\n U1NIU0lH\n \n -----END SSH SIGNATURE-----\n"
        + "\nmessage\n");

    assertThat(s.armored())
        .isEqualTo("-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n\n-----END SSH SIGNATURE-----");
    assertThat(payload(s)).isEqualTo(HEADERS + "\nmessage\n");
  }

  @Test
  void headersAfterTheSignatureAndTheirContinuationLinesStayInThePayload() {
    String mergetag = "mergetag object 1111111111111111111111111111111111111111\n type commit\n";
    CommitSignature s = split(HEADERS + "gpgsig sig\n line2\n" + mergetag + "\nmessage\n");

    assertThat(s.armored()).isEqualTo("sig\nline2");
    assertThat(payload(s)).isEqualTo(HEADERS + mergetag + "\nmessage\n");
  }

  @Test
  void gpgsigLinesInTheMessageAreNotHeaders() {
    String message = "\ngpgsig not a header\n continued\n";
    CommitSignature s = split(HEADERS + "gpgsig real\n" + message);

    assertThat(s.armored()).isEqualTo("real");
    assertThat(payload(s)).isEqualTo(HEADERS + message);
  }

  @Test
  void sha256SignatureHeaderIsLeftOutOfThePayloadLikeGitDoes() {
    CommitSignature s = split(HEADERS + "gpgsig one\n more\ngpgsig-sha256 two\n more\n\nmsg\n");

    assertThat(s.armored()).isEqualTo("one\nmore");
    assertThat(payload(s)).isEqualTo(HEADERS + "\nmsg\n");
  }

  @Test
  void commitWithOnlyASha256SignatureCountsAsUnsigned() {
    assertThat(CommitSignature.of((HEADERS + "gpgsig-sha256 two\n\nmsg\n")
        .getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void commitWithoutGpgsigHasNoSignature() {
    assertThat(CommitSignature.of((HEADERS + "\nmsg\n").getBytes(StandardCharsets.UTF_8))).isEmpty();
  }
}
