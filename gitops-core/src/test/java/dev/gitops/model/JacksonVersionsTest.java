package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class JacksonVersionsTest {

  @Test
  void theClassPathTheSdkIsBuiltWithIsSupported() {
    assertThatCode(JacksonVersions::requireSupported).doesNotThrowAnyException();
    JacksonVersions.Found found = JacksonVersions.Found.on(JacksonVersions.class.getClassLoader());
    assertThat(found.serializeAs()).isTrue();
    assertThat(found.annotations()).isNotNull();
    assertThat(found.core()).startsWith("3.");
    assertThat(found.databind()).startsWith("3.");
    assertThat(JacksonVersions.problem(found)).isNull();
  }

  @Test
  void springBoot35AnnotationsAreRefusedWithTheVersionFoundTheVersionNeededAndTheFix() {
    String problem =
        JacksonVersions.problem(new JacksonVersions.Found("2.19.2", false, "3.3.0", "3.3.0"));
    assertThat(problem)
        .contains("jackson-annotations 2.19.2 is on the class path")
        .contains("needs 2.20 or newer")
        .contains("<jackson-bom.version>2.21.8</jackson-bom.version>")
        .contains("Quarkus: import com.fasterxml.jackson:jackson-bom:2.21.8");
  }

  @Test
  void annotationsWithoutJsonSerializeAsAreRefusedEvenIfTheVersionIsUnknown() {
    assertThat(JacksonVersions.problem(new JacksonVersions.Found("unknown", false, "3.3.0", "3.3.0")))
        .contains("jackson-annotations unknown is on the class path");
    assertThat(JacksonVersions.problem(new JacksonVersions.Found("2.21", true, "3.1.4", "3.1.4")))
        .isNull();
  }

  @Test
  void jackson3OlderThanTheRangeOrMissingIsNamed() {
    assertThat(JacksonVersions.problem(new JacksonVersions.Found("2.20", true, "3.0.2", "3.3.0")))
        .contains("tools.jackson.core:jackson-core 3.0.2 is on the class path")
        .contains("needs 3.1.0 or newer")
        .doesNotContain("jackson-databind");
    assertThat(JacksonVersions.problem(new JacksonVersions.Found(null, false, "3.3.0", null)))
        .contains("jackson-annotations is missing")
        .contains("tools.jackson.core:jackson-databind is missing");
  }

  @Test
  void versionsCompareNumericallyIgnoringQualifiers() {
    assertThat(JacksonVersions.compare("2.19.2", "2.20")).isNegative();
    assertThat(JacksonVersions.compare("2.20", "2.20.0")).isZero();
    assertThat(JacksonVersions.compare("2.100", "2.20")).isPositive();
    assertThat(JacksonVersions.compare("3.1.0-rc1", "3.1.0")).isZero();
  }
}
