package dev.gitops.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link YamlDocuments#plain}: the short cuts for decimal integers and non-numbers read as the patterns do. */
class YamlPlainScalarsTest {
  @Test
  void shortDecimalIntegersAreInts() {
    assertThat(YamlDocuments.plain("0")).isEqualTo(0);
    assertThat(YamlDocuments.plain("-0")).isEqualTo(0);
    assertThat(YamlDocuments.plain("+7")).isEqualTo(7);
    assertThat(YamlDocuments.plain("8080")).isEqualTo(8080);
    assertThat(YamlDocuments.plain("-123456789")).isEqualTo(-123456789);
    assertThat(YamlDocuments.plain("999999999")).isEqualTo(999999999);
  }

  @Test
  void longerAndOtherNumbersKeepTheirReading() {
    assertThat(YamlDocuments.plain("2147483647")).isEqualTo(2147483647);
    assertThat(YamlDocuments.plain("2147483648")).isEqualTo(2147483648L);
    assertThat(YamlDocuments.plain("1_000")).isEqualTo(1000);
    assertThat(YamlDocuments.plain("0755")).isEqualTo(493L);
    assertThat(YamlDocuments.plain("0o17")).isEqualTo(15L);
    assertThat(YamlDocuments.plain("0x1F")).isEqualTo(31);
    assertThat(YamlDocuments.plain("-0b101")).isEqualTo(-5);
    assertThat(YamlDocuments.plain("1e3")).isEqualTo(1000L);
    assertThat(YamlDocuments.plain("0.5")).isEqualTo(0.5);
    assertThat(YamlDocuments.plain(".5")).isEqualTo(0.5);
    assertThat(YamlDocuments.plain("2026-12-04")).isEqualTo("2026-12-04T00:00:00Z");
    assertThat(YamlDocuments.plain("089")).isEqualTo(89L);
  }

  @Test
  void nonNumbersStayStrings() {
    for (String s : new String[] {"25%", "500m", "1Gi", "10.0.0.1", "-", "+", ".", "1.2.3", "0x", "-foo", "1h30m",
        "3:4", "12e", "1 2"}) {
      assertThat(YamlDocuments.plain(s)).as(s).isEqualTo(s);
    }
  }
}
