package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gitops.model.Manifest;
import dev.gitops.source.GitRef;
import dev.gitops.source.InMemoryGitRepository;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableSubstitutionTest {
  private final InMemoryGitRepository git = InMemoryGitRepository.create("vars");

  private List<Manifest> render(String yaml, VariableSubstitution vars) {
    git.commit().add("app.yaml", yaml).call();
    return PlainRenderer.builder().variables(vars).build()
        .render(git.source().fetch(GitRef.branch("main"))).objects();
  }

  private static final String DEPLOY = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web-${CLUSTER}
        namespace: ${NAMESPACE:=default}
      spec:
        replicas: ${REPLICAS}
        paused: ${PAUSED:=false}
        template:
          spec:
            containers:
              - name: web
                image: registry.example.com/web:${TAG:-latest}
                env:
                  - name: LITERAL
                    value: $${NOT_A_VARIABLE}
                  - name: PORT
                    value: "${PORT}"
      """;

  @Test
  void variablesAndDefaultsAreSubstitutedWithYamlTypes() {
    List<Manifest> out = render(DEPLOY, VariableSubstitution.builder()
        .variables(Map.of("CLUSTER", "eu-1", "REPLICAS", "3", "TAG", "", "PORT", "8080")).build());

    Manifest d = out.get(0);
    assertThat(d.name()).isEqualTo("web-eu-1");
    assertThat(d.namespace()).isEqualTo("default");
    assertThat(d.get("spec", "replicas")).contains(3L);
    assertThat(d.get("spec", "paused")).contains(false);
    Map<?, ?> container = (Map<?, ?>) ((List<?>) d.get("spec", "template", "spec", "containers").orElseThrow()).get(0);
    assertThat(container.get("image")).isEqualTo("registry.example.com/web:latest");
    List<?> env = (List<?>) container.get("env");
    assertThat(((Map<?, ?>) env.get(0)).get("value")).isEqualTo("${NOT_A_VARIABLE}");
    assertThat(((Map<?, ?>) env.get(1)).get("value")).isEqualTo("8080");
  }

  @Test
  void strictModeNamesTheMissingVariableAndWhereItIs() {
    VariableSubstitution vars = VariableSubstitution.builder().variable("CLUSTER", "eu-1").strict().build();

    assertThatThrownBy(() -> render(DEPLOY, vars))
        .isInstanceOf(VariableSubstitution.UndefinedVariableException.class)
        .hasMessageContaining("variable 'REPLICAS' is not defined")
        .hasMessageContaining("app.yaml:1");
  }

  @Test
  void lenientModeSubstitutesEmptyForMissingVariables() {
    List<Manifest> out = render("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: x${MISSING}y\n",
        VariableSubstitution.builder().build());

    assertThat(out.get(0).get("data", "a")).contains("xy");
  }

  @Test
  void annotationTurnsSubstitutionOffForOneObject() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  annotations:\n"
        + "    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  a: ${X}\n";

    List<Manifest> out = render(yaml, VariableSubstitution.builder().variable("X", "1").strict().build());

    assertThat(out.get(0).get("data", "a")).contains("${X}");
  }

  @Test
  void variablesComeFromConfigMapAndSecretFiles() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: vars}\ndata:\n  CLUSTER: us-2\n";
    String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  TOKEN: "
        + java.util.Base64.getEncoder().encodeToString("t0ps3cret".getBytes(StandardCharsets.UTF_8))
        + "\nstringData:\n  REGION: west\n";

    VariableSubstitution vars = VariableSubstitution.builder()
        .variablesFrom("vars.yaml", cm.getBytes(StandardCharsets.UTF_8))
        .variablesFrom("secret.yaml", secret.getBytes(StandardCharsets.UTF_8)).build();

    assertThat(vars.variables()).containsEntry("CLUSTER", "us-2").containsEntry("TOKEN", "t0ps3cret")
        .containsEntry("REGION", "west");
  }

  @Test
  void invalidVariableNamesAreRejected() {
    assertThatThrownBy(() -> VariableSubstitution.builder().variable("1BAD", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'1BAD'");
  }

  @Test
  void substitutionInOneDocumentKeepsLineNumbersOfTheFile() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${NAME}\n";

    List<Manifest> out = render(yaml, VariableSubstitution.builder().variable("NAME", "b").build());

    assertThat(out).extracting(Manifest::name).containsExactly("a", "b");
    assertThat(out.get(1).source().line()).isEqualTo(6);
  }

  @Test
  void objectsWithoutReferencesAreReturnedAsTheyWere() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  n: \"42\"\n";

    Manifest m = render(yaml, VariableSubstitution.builder().strict().build()).get(0);

    assertThat(m.get("data", "n")).contains("42");
  }
}
