package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.NullMarkedPackages;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-k8s is {@code @NullMarked} (issue #14), as gitops-core's are: a package
 * added without it fails here.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsK8sIsNullMarked() {
    assertThat(NullMarkedPackages.publicPackages(FabricCluster.class).keySet())
        .as("the packages gitops-k8s's classes are in")
        .contains("dev.gitops.k8s");
    assertThat(NullMarkedPackages.unmarked(FabricCluster.class))
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
