package dev.gitops.test;

import static dev.gitops.test.Fixtures.configMap;
import static dev.gitops.test.Fixtures.deployment;
import static dev.gitops.test.Fixtures.write;
import static dev.gitops.test.GitOpsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryAssertTest {
  @TempDir Path root;

  @Test
  void applicationsAreDirectoriesWithAKustomizationAChartOrYamlFilesAndNotTheirChildren() {
    write(root, "apps/shop/base/kustomization.yaml", "resources: [web.yaml]\n");
    write(root, "apps/shop/base/web.yaml", deployment("web", "shop", 2));
    write(root, "apps/shop/base/nested/ignored.yaml", configMap("ignored", "shop"));
    write(root, "apps/billing/cm.yaml", configMap("billing", "billing"));
    write(root, "apps/billing/more/cm.yml", configMap("more", "billing"));
    write(root, ".github/workflows/ci.yaml", "on: push\n");
    write(root, "README.md", "# config\n");

    Assertions.assertThat(GitOpsRepository.at(root).applications())
        .extracting(Application::path)
        .containsExactly("apps/billing", "apps/shop/base");
  }

  @Test
  void allApplicationsRenderPassesWhenEveryDiscoveredDirectoryRenders() {
    write(root, "apps/prod/kustomization.yaml", "namespace: shop\nresources: [web.yaml]\n");
    write(root, "apps/prod/web.yaml", deployment("web", "", 3));
    write(root, "apps/dev/web.yaml", deployment("web", "dev", 1));

    assertThat(GitOpsRepository.at(root)).allApplicationsRender();
  }

  @Test
  void allApplicationsRenderNamesEachDirectoryThatDoesNotRenderAndWhy() {
    write(root, "apps/dev/web.yaml", deployment("web", "dev", 1));
    write(root, "apps/prod/web.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");

    assertThatThrownBy(() -> assertThat(GitOpsRepository.at(root)).allApplicationsRender())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to render, but 1 of 2 did not")
        .hasMessageContaining("apps/prod: ManifestParseException: apps/prod/web.yaml:4:1");
  }

  @Test
  void allApplicationsRenderOverNamedDirectoriesRendersOnlyThose() {
    write(root, "apps/dev/web.yaml", deployment("web", "dev", 1));
    write(root, "apps/broken/web.yaml", "kind: [\n");

    assertThat(GitOpsRepository.at(root)).allApplicationsRender("apps/dev");
    assertThatThrownBy(() -> assertThat(GitOpsRepository.at(root))
        .allApplicationsRender("apps/dev", "apps/missing"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apps/missing: SnapshotFileNotFoundException");
  }

  @Test
  void allApplicationsRenderFailsWhenThereIsNothingToRender() {
    write(root, "README.md", "nothing here\n");

    assertThatThrownBy(() -> assertThat(GitOpsRepository.at(root)).allApplicationsRender())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected application directories in " + root.toAbsolutePath())
        .hasMessageContaining("found none");
  }

  @Test
  void applicationMustBeADirectoryOfTheRepository() {
    write(root, "apps/dev/web.yaml", deployment("web", "dev", 1));

    assertThatThrownBy(() -> assertThat(GitOpsRepository.at(root)).application("apps/prod"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected an application directory apps/prod")
        .hasMessageContaining("there is no such directory");
  }

  @Test
  void applicationsSyncedTogetherMustNotDeclareTheSameObject() {
    write(root, "apps/shop/web.yaml", deployment("web", "shop", 1));
    write(root, "apps/shop/settings.yaml", configMap("settings", "shop"));
    write(root, "apps/billing/api.yaml", deployment("api", "billing", 1));
    write(root, "apps/payments/settings.yaml", "# shared by mistake\n" + configMap("settings", "shop"));
    GitOpsRepository repo = GitOpsRepository.at(root);

    assertThat(repo).hasNoDuplicateObjectsAcross("apps/shop", "apps/billing");
    assertThatThrownBy(() -> assertThat(repo)
        .hasNoDuplicateObjectsAcross("apps/shop", "apps/billing", "apps/payments"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ConfigMap shop/settings is declared by apps/shop "
            + "(apps/shop/settings.yaml:1) and by apps/payments (apps/payments/settings.yaml:");
  }

  @Test
  void aRepositoryMustBeADirectory() {
    assertThatThrownBy(() -> GitOpsRepository.at(root.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not one");
  }
}
