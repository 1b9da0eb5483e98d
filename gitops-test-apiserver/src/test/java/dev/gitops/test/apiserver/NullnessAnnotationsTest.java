package dev.gitops.test.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.testing.NullMarkedPackages;
import org.junit.jupiter.api.Test;

/**
 * Every public package of gitops-test-apiserver is {@code @NullMarked} (issue #14), as gitops-core's are: a package
 * added without it fails here.
 */
class NullnessAnnotationsTest {

  @Test
  void everyPublicPackageOfGitopsTestApiserverIsNullMarked() {
    assertThat(NullMarkedPackages.publicPackages(KubeApiServer.class).keySet())
        .as("the packages gitops-test-apiserver's classes are in")
        .contains("dev.gitops.test.apiserver");
    assertThat(NullMarkedPackages.unmarked(KubeApiServer.class))
        .as("public packages without @NullMarked in their package-info.java")
        .isEmpty();
  }
}
