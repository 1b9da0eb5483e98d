package dev.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Revision;
import dev.gitops.model.Snapshot;
import dev.gitops.testing.GitHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semver refs resolved end to end, through an in-memory repository and over HTTP. */
class VersionRangeSourceTest {
  private InMemoryGitRepository git;
  private String v110;
  private String v150;
  private String v200;

  @BeforeEach
  void setUp() {
    git = InMemoryGitRepository.create("config");
    v110 = commit("1.1.0");
    git.tag("v1.1.0", v110);
    v150 = commit("1.5.0");
    git.tag("v1.5.0", v150);
    git.tag("v1.6.0-rc.1", commit("1.6.0-rc.1"));
    v200 = commit("2.0.0");
    git.tag("v2.0.0", v200);
    git.tag("latest", v200);
  }

  private String commit(String version) {
    return git.commit().branch("main").add("app/version.txt", version)
        .message("release " + version).call();
  }

  @Test
  void resolvesTheHighestTagInsideTheRange() {
    Revision revision = git.source().resolve(GitRef.semver(">=1.2.0 <2.0.0"));

    assertThat(revision.commitId()).isEqualTo(v150);
    assertThat(revision.ref()).isEqualTo("refs/tags/v1.5.0");
  }

  @Test
  void fetchesTheFilesOfTheChosenTag() {
    Snapshot snapshot = git.source().fetch(GitRef.semver("~1.1"));

    assertThat(snapshot.revision().commitId()).isEqualTo(v110);
    assertThat(snapshot.readString("app/version.txt")).isEqualTo("1.1.0");
  }

  @Test
  void prereleaseTagIsChosenOnlyWhenTheRangeAsksForPrereleases() {
    assertThat(git.source().resolve(GitRef.semver("^1.0.0")).ref()).isEqualTo("refs/tags/v1.5.0");
    assertThat(git.source().resolve(GitRef.semver("^1.0.0-0")).ref())
        .isEqualTo("refs/tags/v1.6.0-rc.1");
  }

  @Test
  void annotatedTagsResolveToTheCommitTheyTag() {
    String v151 = commit("1.5.1");
    git.annotatedTag("v1.5.1", v151, "patch release");

    Revision revision = git.source().resolve(GitRef.semver("1.5.x"));

    assertThat(revision.commitId()).isEqualTo(v151);
    assertThat(revision.ref()).isEqualTo("refs/tags/v1.5.1");
  }

  @Test
  void noMatchingTagIsRefNotFound() {
    assertThatThrownBy(() -> git.source().resolve(GitRef.semver(">=3.0.0")))
        .isInstanceOf(RefNotFoundException.class)
        .hasMessageContaining("semver '>=3.0.0'")
        .hasMessageContaining("no tag is a version in range '>=3.0.0'");
  }

  @Test
  void remoteSourceResolvesTheHighestAdvertisedTag(@TempDir Path cacheDir) {
    String v210 = commit("2.1.0");
    git.annotatedTag("v2.1.0", v210, "minor release");
    try (GitHttpServer server = GitHttpServer.start().register("config", git.repository())) {
      JGitSource source = JGitSource.builder().url(server.url("config"))
          .cache(GitCache.builder().directory(cacheDir).build())
          .readTimeout(Duration.ofSeconds(20)).build();

      Snapshot snapshot = source.fetch(GitRef.semver(">=2 <3"));

      assertThat(snapshot.revision().commitId()).isEqualTo(v210);
      assertThat(snapshot.revision().ref()).isEqualTo("refs/tags/v2.1.0");
      assertThat(snapshot.readString("app/version.txt")).isEqualTo("2.1.0");
      assertThatThrownBy(() -> source.resolve(GitRef.semver("^3")))
          .isInstanceOf(RefNotFoundException.class);
    }
  }
}
