package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who owns a snapshot's arrays: the public factory copies, the fetch path's factory adopts. */
class SnapshotTest {
  private static final Revision REVISION = new Revision("refs/heads/main", "0".repeat(40),
      "t <t@example.com>", Instant.EPOCH, "test", Verification.notChecked());

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void publicFactoryCopiesTheCallersArrays() {
    byte[] content = bytes("a: 1\n");
    Map<String, byte[]> files = new HashMap<>(Map.of("cm.yaml", content));

    Snapshot snapshot = Snapshot.of(REVISION, files);
    content[3] = '2';
    files.put("other.yaml", bytes("b: 1\n"));

    assertThat(snapshot.readString("cm.yaml")).isEqualTo("a: 1\n");
    assertThat(snapshot.files()).containsExactly("cm.yaml");
  }

  @Test
  void pathsThatNormalizeToTheSamePathAreACollisionNamingBoth() {
    Map<String, byte[]> files = Map.of("apps/prod/cm.yaml", bytes("a: 1\n"),
        "apps\\prod\\cm.yaml", bytes("a: 2\n"));

    assertThatThrownBy(() -> Snapshot.of(REVISION, files))
        .isInstanceOfSatisfying(PathCollisionException.class, e -> {
          assertThat(e.normalized()).isEqualTo("apps/prod/cm.yaml");
          assertThat(java.util.List.of(e.first(), e.second()))
              .containsExactly("apps/prod/cm.yaml", "apps\\prod\\cm.yaml");
        });
  }

  @Test
  void aPathNamingTheRootIsRefused() {
    assertThatThrownBy(() -> Snapshot.of(REVISION, Map.of(".", bytes("a: 1\n"))))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("names the repository root");
    assertThatThrownBy(() -> Snapshot.of(REVISION, Map.of("a/..", bytes("a: 1\n"))))
        .isInstanceOf(PathEscapeException.class);
  }

  @Test
  void normalizeFoldsEveryNonNormalFormAndKeepsNormalPaths() {
    assertThat(Snapshot.normalize("apps/prod/cm.yaml")).isEqualTo("apps/prod/cm.yaml");
    assertThat(Snapshot.normalize("a.yaml")).isEqualTo("a.yaml");
    assertThat(Snapshot.normalize(".hidden/..x/a..b")).isEqualTo(".hidden/..x/a..b");
    assertThat(Snapshot.normalize("apps//prod/./cm.yaml")).isEqualTo("apps/prod/cm.yaml");
    assertThat(Snapshot.normalize("apps/prod/../cm.yaml")).isEqualTo("apps/cm.yaml");
    assertThat(Snapshot.normalize("apps\\prod\\cm.yaml")).isEqualTo("apps/prod/cm.yaml");
    assertThat(Snapshot.normalize("./apps/")).isEqualTo("apps");
    assertThat(Snapshot.normalize("C:relative")).isEqualTo("C:relative");
    for (String absolute : java.util.List.of("/etc/passwd", "C:/x", "c:\\x", "Z:/")) {
      assertThatThrownBy(() -> Snapshot.normalize(absolute)).as(absolute)
          .isInstanceOf(PathEscapeException.class).hasMessageContaining("absolute path");
    }
    assertThatThrownBy(() -> Snapshot.normalize("a/../../x")).isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("leaves the repository");
    assertThatThrownBy(() -> Snapshot.normalize("a\0b")).isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void readReturnsACopy() {
    Snapshot snapshot = Snapshot.of(REVISION, Map.of("cm.yaml", bytes("a: 1\n")));

    snapshot.read("cm.yaml")[3] = '2';

    assertThat(snapshot.readString("cm.yaml")).isEqualTo("a: 1\n");
  }

  @Test
  void adoptKeepsTheArraysButNotTheMap() {
    byte[] content = bytes("a: 1\n");
    Map<String, byte[]> files = new HashMap<>(Map.of("apps/./cm.yaml", content, "link.yaml", content));

    Snapshot snapshot = Snapshot.adopt(REVISION, files);
    files.put("other.yaml", bytes("b: 1\n"));

    assertThat(snapshot.files()).containsExactly("apps/cm.yaml", "link.yaml");
    // No copy: the arrays are the snapshot's now, which is why only the fetch path may adopt.
    content[3] = '2';
    assertThat(snapshot.readString("apps/cm.yaml")).isEqualTo("a: 2\n");
    assertThat(snapshot.readString("link.yaml")).isEqualTo("a: 2\n");
    // Readers still get copies.
    snapshot.read("link.yaml")[3] = '3';
    assertThat(snapshot.readString("link.yaml")).isEqualTo("a: 2\n");
  }
}
