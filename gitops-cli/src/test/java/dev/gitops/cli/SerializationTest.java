package dev.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The streaming YAML writer prints what Jackson's data binding, configured alike, prints. */
class SerializationTest {
  private static final YAMLMapper BINDING = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  @Test
  void plainTreesAsDataBindingWritesThem() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("port", "8080");
    tree.put("flag", "true");
    tree.put("yes", "yes");
    tree.put("empty", "");
    tree.put("script", "#!/bin/sh\nexec nginx -g 'daemon off;'\n");
    tree.put("long", "x".repeat(200) + " " + "y".repeat(200));
    tree.put("quote", "it's: \"quoted\" # not a comment");
    tree.put("int", 3);
    tree.put("long", 5_000_000_000L);
    tree.put("double", 0.5);
    tree.put("big", new BigInteger("123456789012345678901234567890"));
    tree.put("decimal", new BigDecimal("1.50"));
    tree.put("bool", true);
    tree.put("none", null);
    tree.put("emptyMap", Map.of());
    tree.put("emptyList", List.of());
    tree.put("list", Arrays.asList("a", 1, null, Map.of("k", "v"), List.of(List.of("nested"))));
    tree.put("unicode", "caf\u00e9 \u2603");
    tree.put("star", "*alias");

    assertThat(Serialization.yaml(tree)).isEqualTo(BINDING.writeValueAsString(tree));
  }

  @Test
  void otherValuesGoThroughDataBinding() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("at", Instant.parse("2026-01-01T00:00:00Z"));
    tree.put("list", new ArrayList<>(List.of(1.5f)));

    assertThat(Serialization.yaml(tree)).isEqualTo(BINDING.writeValueAsString(tree));
  }
}
