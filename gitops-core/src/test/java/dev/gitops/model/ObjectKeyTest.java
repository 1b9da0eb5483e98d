package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

  @Test
  void versionOfTheApiIsNotPartOfIdentity() {
    assertThat(ObjectKey.of("apps/v1", "Deployment", "web", "api"))
        .isEqualTo(ObjectKey.of("apps/v1beta2", "Deployment", "web", "api"));
  }

  @Test
  void coreGroupIsEmptyAndMissingNamespaceMeansClusterScoped() {
    ObjectKey ns = ObjectKey.of("v1", "Namespace", null, "web");

    assertThat(ns.group()).isEmpty();
    assertThat(ns.isNamespaced()).isFalse();
    assertThat(ns).hasToString("Namespace web");
    assertThat(ObjectKey.of("apps/v1", "Deployment", "web", "api")).hasToString("apps/Deployment web/api");
  }

  @Test
  void keysSortByGroupKindNamespaceName() {
    ObjectKey a = ObjectKey.of("v1", "ConfigMap", "a", "x");
    ObjectKey b = ObjectKey.of("v1", "ConfigMap", "b", "a");
    ObjectKey c = ObjectKey.of("apps/v1", "Deployment", "a", "a");

    assertThat(java.util.stream.Stream.of(c, b, a).sorted()).containsExactly(a, b, c);
  }

  @Test
  void emptyNameOrKindIsRejected() {
    assertThatThrownBy(() -> ObjectKey.of("v1", "ConfigMap", "a", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> ObjectKey.of("v1", "", "a", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
  }
}
