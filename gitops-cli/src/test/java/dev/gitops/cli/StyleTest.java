package dev.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StyleTest {
  private static final String DIFF = "--- live/x\n+++ desired/x\n@@ -1 +1 @@\n-a: 1\n+a: 2\n";

  @Test
  void plainLeavesTextAlone() {
    Style plain = new Style(false);

    assertThat(plain.diff(DIFF)).isEqualTo(DIFF);
    assertThat(plain.red("DENY")).isEqualTo("DENY");
  }

  @Test
  void colourMarksRemovedRedAddedGreenHeadersBold() {
    String coloured = new Style(true).diff(DIFF);

    assertThat(coloured).isEqualTo("\u001b[1m--- live/x\u001b[0m\n\u001b[1m+++ desired/x\u001b[0m\n@@ -1 +1 @@\n"
        + "\u001b[31m-a: 1\u001b[0m\n\u001b[32m+a: 2\u001b[0m\n");
  }
}
