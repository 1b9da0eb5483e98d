package dev.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private static final SourceLocation AT = new SourceLocation("apps/cm.yaml", 3);

  private static Map<String, Object> configMap() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", "settings");
    meta.put("namespace", "web");
    meta.put("labels", new LinkedHashMap<>(Map.of("app", "web")));
    Map<String, Object> cm = new LinkedHashMap<>();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    cm.put("metadata", meta);
    cm.put("data", new LinkedHashMap<>(Map.of("replicas", "3")));
    cm.put("list", new ArrayList<>(List.of(1, 2)));
    return cm;
  }

  @Test
  void keyAndAccessorsComeFromTheObject() {
    Manifest m = Manifest.of(configMap(), AT);

    assertThat(m.key()).isEqualTo(ObjectKey.of("v1", "ConfigMap", "web", "settings"));
    assertThat(m.labels()).containsEntry("app", "web");
    assertThat(m.get("data", "replicas")).contains("3");
    assertThat(m.get("data", "missing")).isEmpty();
    assertThat(m.source()).isEqualTo(AT);
  }

  @Test
  void treeIsCopiedAndCannotBeChanged() {
    Map<String, Object> input = configMap();
    Manifest m = Manifest.of(input, AT);
    input.put("kind", "Secret");

    assertThat(m.kind()).isEqualTo("ConfigMap");
    assertThatThrownBy(() -> m.object().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) m.object().get("list");
    assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(list).containsExactly(1L, 2L); // integers are held as Long
  }

  @Test
  void mutableCopyIsIndependent() {
    Manifest m = Manifest.of(configMap(), AT);
    Map<String, Object> copy = m.toMutableMap();
    copy.put("kind", "Secret");

    assertThat(m.kind()).isEqualTo("ConfigMap");
    assertThat(m.withObject(copy).kind()).isEqualTo("Secret");
  }

  @Test
  void missingKindOrNameIsRejectedNamingTheLocation() {
    Map<String, Object> noKind = configMap();
    noKind.remove("kind");
    Map<String, Object> noName = configMap();
    ((Map<?, ?>) noName.get("metadata")).remove("name");

    assertThatThrownBy(() -> Manifest.of(noKind, AT))
        .isInstanceOf(InvalidManifestException.class).hasMessageStartingWith("apps/cm.yaml:3: ");
    assertThatThrownBy(() -> Manifest.of(noName, AT))
        .isInstanceOf(InvalidManifestException.class).hasMessageContaining("ConfigMap has no metadata.name");
  }
}
