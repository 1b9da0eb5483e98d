package dev.gitops.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Fabric8VersionsTest {

  @Test
  void theFabric8TheModuleIsBuiltWithIsFoundAndSupported() {
    assertThat(Fabric8Versions.found()).startsWith("8.");
    assertThat(Fabric8Versions.problem(Fabric8Versions.found())).isNull();
  }

  @Test
  void fabric8SevenAsJavaOperatorSdk5BringsItIsRefusedNamingTheSupportedLine() {
    assertThat(Fabric8Versions.problem("7.6.1"))
        .contains("supports the fabric8 Kubernetes client 8.x")
        .contains("kubernetes-client-api 7.6.1 is on the class path")
        .contains("java-operator-sdk 5")
        .contains("kubernetes-client-bom at 8.x");
  }

  @Test
  void anUnknownVersionIsNotGuessedAt() {
    assertThat(Fabric8Versions.problem(null)).isNull();
    assertThat(Fabric8Versions.problem("unknown")).isNull();
  }
}
