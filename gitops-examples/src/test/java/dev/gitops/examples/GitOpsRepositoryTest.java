package dev.gitops.examples;

import static dev.gitops.test.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.cluster.Cluster;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.rules.RuleSets;
import dev.gitops.test.GitOpsRepository;
import dev.gitops.test.WithInMemoryCluster;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit as a team uses it on its own GitOps repository (here a small one in
 * {@code src/test/resources/gitops-repo}): every application renders, prod is clean, passes the
 * restricted Pod Security Standard and is accepted by an API server, and the last commit changes
 * prod within limits. See docs/test-kit.md.
 */
@WithInMemoryCluster
class GitOpsRepositoryTest {
  private static final RulePolicy RESTRICTED = RulePolicy.of(RuleSets.podSecurityRestricted());

  private static GitOpsRepository repo() throws URISyntaxException {
    return GitOpsRepository.at(Path.of(GitOpsRepositoryTest.class.getResource("/gitops-repo").toURI()));
  }

  @Test
  void everyApplicationRenders() throws Exception {
    assertThat(repo()).allApplicationsRender();
  }

  @Test
  void prodRendersCleanlyPassesTheRestrictedPolicyAndIsAccepted() throws Exception {
    assertThat(repo()).application("apps/shop/prod")
        .rendersCleanly()
        .rendersDeterministically()
        .hasNoDuplicateObjects()
        .passes(RESTRICTED)
        .isAcceptedByTheApiServer();
  }

  @Test
  void applicationsSyncedToOneClusterDoNotOverlap(Cluster cluster) throws Exception {
    assertThat(repo()).hasNoDuplicateObjectsAcross("apps/shop/prod", "apps/monitoring");
    // The extension's cluster: fresh for this test, closed after it.
    assertThat(repo()).application("apps/monitoring").isAcceptedByTheApiServer(cluster);
  }

  @Test
  void theLastCommitChangesProdWithinLimits(@TempDir Path checkout) throws Exception {
    try (Git git = copyAndCommit(checkout)) {
      edit(checkout.resolve("apps/shop/prod/kustomization.yaml"), "count: 4", "count: 3");
      commit(git, "prod: one replica fewer");

      assertThat(GitOpsRepository.at(checkout).change("HEAD~1", "HEAD", "apps/shop/prod"))
          .deletesNo("PersistentVolumeClaim", "CustomResourceDefinition", "Namespace")
          .dropsReplicasByAtMost(50);
    }
  }

  @Test
  void aCommitThatDropsTheOrdersVolumeIsCaught(@TempDir Path checkout) throws Exception {
    try (Git git = copyAndCommit(checkout)) {
      edit(checkout.resolve("apps/shop/prod/kustomization.yaml"), "- data.yaml\n", "");
      commit(git, "prod: tidy up");

      assertThatThrownBy(() -> assertThat(
              GitOpsRepository.at(checkout).change("HEAD~1", "HEAD", "apps/shop/prod"))
          .deletesNo("PersistentVolumeClaim"))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("PersistentVolumeClaim shop/orders (apps/shop/prod/data.yaml:1 via "
              + "apps/shop/prod/kustomization.yaml: namespace)")
          .hasMessageContaining("would be deleted");
    }
  }

  /** A Git repository in the directory holding the example repository, committed once. */
  private static Git copyAndCommit(Path checkout) throws Exception {
    Path source = repo().directory();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = checkout.resolve(source.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Git git = Git.init().setDirectory(checkout.toFile()).setInitialBranch("main").call();
    commit(git, "initial");
    return git;
  }

  private static void commit(Git git, String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.commit().setAll(true).setMessage(message).setSign(false)
        .setAuthor("Example", "example@example.com")
        .setCommitter("Example", "example@example.com")
        .call();
  }

  private static void edit(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain " + List.of(from));
    }
    Files.writeString(file, text.replace(from, to));
  }
}
