package dev.gitops.testing;

import dev.gitops.cluster.ApplyOptions;
import dev.gitops.cluster.LiveObject;
import dev.gitops.model.Manifest;
import dev.gitops.model.SourceLocation;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Test objects written as YAML: object trees, desired manifests and live objects, for the diff
 * tests here and the cluster tests of other modules.
 */
public final class TestObjects {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private TestObjects() {}

  /** The object tree of one YAML document, as the YAML parser returns it (mutable). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(String yaml) {
    return YAML.readValue(yaml, Map.class);
  }

  /**
   * A desired manifest from one YAML document.
   *
   * @param file the source file it claims to come from
   * @param line the line it claims to start at
   * @param yaml the object
   */
  public static Manifest manifest(String file, int line, String yaml) {
    return Manifest.of(tree(yaml), new SourceLocation(file, line));
  }

  /** A live object from one YAML document. */
  public static LiveObject live(String yaml) {
    return LiveObject.of(tree(yaml));
  }

  /** Default apply options with the given field manager. */
  public static ApplyOptions by(String manager) {
    return ApplyOptions.defaults().withFieldManager(manager);
  }
}
