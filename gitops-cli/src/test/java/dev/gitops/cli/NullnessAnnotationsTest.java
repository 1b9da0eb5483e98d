package dev.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.NullMarkedPackages;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-cli is {@code @NullMarked} (issue #14), as gitops-core's are: a package
 * added without it fails here.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsCliIsNullMarked() {
    assertThat(NullMarkedPackages.publicPackages(GitOpsCommand.class).keySet())
        .as("the packages gitops-cli's classes are in")
        .contains("dev.gitops.cli");
    assertThat(NullMarkedPackages.unmarked(GitOpsCommand.class))
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
