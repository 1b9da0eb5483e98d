package dev.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.cluster.PathElement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FieldsNodeTest {
  @Test
  void fastKeyEncodingMatchesTheJsonWriter() {
    for (Map<String, Object> keys : List.<Map<String, Object>>of(Map.of("name", "web"),
        Map.of("containerPort", 8080L, "protocol", "TCP"), Map.of("name", "a\"b"), Map.of("name", "<x>"),
        Map.of("name", "héllo"), Map.of("enabled", true))) {
      PathElement.Key key = new PathElement.Key(new TreeMap<>(keys));
      assertThat(FieldsNode.encode(key)).isEqualTo(key.encode());
    }
  }

  @Test
  void itemFoundUnderAnotherJsonSpelling() {
    PathElement.Key key = new PathElement.Key(new TreeMap<>(Map.of("name", "<x>")));
    Map<String, Object> node = Map.of("k:{\"name\":\"\\u003cx\\u003e\"}", Map.of("f:image", Map.of()));
    assertThat(FieldsNode.item(node, key)).isEqualTo(Map.of("f:image", Map.of()));
  }
}
