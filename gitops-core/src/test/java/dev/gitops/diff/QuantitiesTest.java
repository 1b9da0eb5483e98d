package dev.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void equalByValue() {
    assertThat(Quantities.sameValue("1000m", "1")).isTrue();
    assertThat(Quantities.sameValue("1Gi", "1024Mi")).isTrue();
    assertThat(Quantities.sameValue("0.5", "500m")).isTrue();
    assertThat(Quantities.sameValue("1k", 1000L)).isTrue();
    assertThat(Quantities.sameValue("1e3", "1k")).isTrue();
    assertThat(Quantities.sameValue("2E", "2000P")).isTrue();
    assertThat(Quantities.sameValue("1G", "1Gi")).isFalse();
    assertThat(Quantities.sameValue("abc", "abc")).isFalse();
  }

  @Test
  void intOrStringOnlyWhereTheFieldIsOne() {
    assertThat(Equivalence.equivalent("", "targetPort", "8080", 8080L)).isTrue();
    assertThat(Equivalence.equivalent("data", "x", "8080", 8080L)).isFalse();
    assertThat(Equivalence.equivalent("limits", "cpu", "100m", "0.1")).isTrue();
    assertThat(Equivalence.equivalent("", "replicas", 1L, 1.0)).isTrue();
  }
}
