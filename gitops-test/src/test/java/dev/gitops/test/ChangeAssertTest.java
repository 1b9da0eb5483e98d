package dev.gitops.test;

import static dev.gitops.test.Fixtures.commit;
import static dev.gitops.test.Fixtures.delete;
import static dev.gitops.test.Fixtures.deployment;
import static dev.gitops.test.Fixtures.pvc;
import static dev.gitops.test.Fixtures.widgetDefinition;
import static dev.gitops.test.Fixtures.write;
import static dev.gitops.test.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.policy.ObjectChange.Operation;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.rules.RuleSets;
import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeAssertTest {
  @TempDir Path root;
  private Git git;
  private String first;

  @BeforeEach
  void firstCommit() {
    git = Fixtures.init(root);
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 4));
    write(root, "apps/prod/data.yaml", "# the shop's data\n" + pvc("data", "shop"));
    write(root, "apps/prod/crd.yaml", widgetDefinition());
    first = commit(git, "first");
  }

  @AfterEach
  void close() {
    git.close();
  }

  @Test
  void aChangeWithinLimitsPasses() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 2));
    write(root, "apps/prod/api.yaml", deployment("api", "shop", 1));
    commit(git, "scale down by half, add the api");

    RepositoryChange change = GitOpsRepository.at(root).change("HEAD~1", "HEAD", "apps/prod");

    Assertions.assertThat(change.from().commitId()).isEqualTo(first);
    Assertions.assertThat(change.changes(Operation.CREATE)).hasSize(1);
    Assertions.assertThat(change.changes(Operation.UPDATE)).hasSize(1);
    assertThat(change)
        .deletesNo("PersistentVolumeClaim", "CustomResourceDefinition")
        .dropsReplicasByAtMost(50)
        .passes(RulePolicy.of(RuleSets.podSecurityRestricted()));
  }

  @Test
  void deletesNoNamesTheDeletedObjectAndWhereItWasDeclared() {
    delete(root, "apps/prod/data.yaml");
    delete(root, "apps/prod/crd.yaml");
    String second = commit(git, "drop the volume and the definition");
    RepositoryChange change = GitOpsRepository.at(root).change("HEAD~1", "HEAD", "apps/prod");

    assertThatThrownBy(() -> assertThat(change).deletesNo("PersistentVolumeClaim"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected the change apps/prod " + first.substring(0, 12) + ".."
            + second.substring(0, 12) + " to delete no PersistentVolumeClaim, but:")
        .hasMessageContaining("PersistentVolumeClaim shop/data (apps/prod/data.yaml:2): rule "
            + "no-protected-deletion [DENY]: PersistentVolumeClaim data would be deleted")
        .hasMessageContaining("declared at " + first.substring(0, 12))
        .hasMessageNotContaining("CustomResourceDefinition");
    assertThatThrownBy(() -> assertThat(change).deletesNo("CustomResourceDefinition"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apiextensions.k8s.io/CustomResourceDefinition widgets.example.com "
            + "(apps/prod/crd.yaml:1)");
  }

  @Test
  void dropsReplicasByAtMostNamesTheObjectAndBothCounts() {
    write(root, "apps/prod/web.yaml", deployment("web", "shop", 1));
    commit(git, "scale down");
    RepositoryChange change = GitOpsRepository.at(root).change("HEAD~1", "HEAD", "apps/prod");

    assertThat(change).dropsReplicasByAtMost(75);
    assertThatThrownBy(() -> assertThat(change).dropsReplicasByAtMost(50))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to drop replicas by at most 50%, but:")
        .hasMessageContaining("apps/Deployment shop/web (apps/prod/web.yaml:1): rule "
            + "max-replica-drop [DENY]: replicas would drop from 4 to 1 (75%, limit 50%) "
            + "(at spec.replicas)");
  }

  @Test
  void anApplicationMissingAtACommitHasNoObjectsThere() {
    write(root, "apps/new/web.yaml", deployment("web", "new", 1));
    commit(git, "new app");

    RepositoryChange created = GitOpsRepository.at(root).change("HEAD~1", "HEAD", "apps/new");
    Assertions.assertThat(created.changes()).extracting(c -> c.operation())
        .containsExactly(Operation.CREATE);
    RepositoryChange removed = GitOpsRepository.at(root).change("HEAD", first, "apps/new");
    assertThatThrownBy(() -> assertThat(removed).passes(RulePolicy.of(
            dev.gitops.policy.RuleSet.of("limits",
                dev.gitops.policy.rules.ChangeRules.noProtectedDeletion(
                    java.util.Set.of("apps/Deployment"))))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apps/Deployment new/web (apps/new/web.yaml:1)");
  }

  @Test
  void aRepositoryInASubdirectoryOfTheWorkTreeReadsItsOwnPaths() {
    write(root, "config/apps/prod/web.yaml", deployment("web", "shop", 3));
    commit(git, "config directory");
    write(root, "config/apps/prod/web.yaml", deployment("web", "shop", 1));
    commit(git, "scale down");

    RepositoryChange change = GitOpsRepository.at(root.resolve("config"))
        .change("HEAD~1", "HEAD", "apps/prod");

    assertThatThrownBy(() -> assertThat(change).dropsReplicasByAtMost(10))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("from 3 to 1");
  }

  @Test
  void unknownRevisionsAndDirectoriesOutsideGitFailNamingThem(@TempDir Path plain) {
    assertThatThrownBy(() -> GitOpsRepository.at(root).change("no-such-branch", "HEAD", "apps/prod"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"no-such-branch\" names no commit");
    assertThatThrownBy(() -> GitOpsRepository.at(plain).change("HEAD~1", "HEAD", "apps/prod"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is in no Git repository");
  }

  @Test
  void aCommitThatDoesNotRenderIsNamed() {
    write(root, "apps/prod/web.yaml", "kind: [\n");
    String broken = commit(git, "broken");

    assertThatThrownBy(() -> GitOpsRepository.at(root).change("HEAD~1", "HEAD", "apps/prod"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apps/prod does not render at HEAD (" + broken.substring(0, 12) + ")")
        .hasMessageContaining("apps/prod/web.yaml:2:1");
  }
}
