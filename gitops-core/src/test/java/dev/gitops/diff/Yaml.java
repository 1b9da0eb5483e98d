package dev.gitops.diff;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML test objects. */
final class Yaml {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Yaml() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> tree(String yaml) {
    return YAML.readValue(yaml, Map.class);
  }

  static Manifest manifest(String file, int line, String yaml) {
    return Manifest.of(tree(yaml), new SourceLocation(file, line));
  }

  static LiveObject live(String yaml) {
    return LiveObject.of(tree(yaml));
  }

  static ApplyOptions by(String manager) {
    return ApplyOptions.defaults().withFieldManager(manager);
  }
}
