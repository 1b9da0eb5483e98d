package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.policy.ObjectChange;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No value of a Secret appears in a verdict, whichever library function or runtime error quotes
 * it: each expression fails on a Secret's value and the verdict must not carry it.
 */
class SecretValuesInVerdictsTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final String PLAIN = "hunter2-Pa55word";
  private static final String MULTILINE = "-----BEGIN KEY-----\nQUJDREVGR0hJSktMTU5PUA==\n-----END KEY-----";
  private static final String STRING_DATA = "sd-t0ken-value";
  private static final Manifest SECRET = TestObjects.one("""
      apiVersion: v1
      kind: Secret
      metadata: {name: creds, namespace: apps}
      data:
        password: %s
        key: %s
      stringData:
        token: %s
      """.formatted(b64(PLAIN), b64(MULTILINE), STRING_DATA));

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "quantity(object.stringData.token).isLessThan(quantity('1'))",
      "quantity(object.data.password).isLessThan(quantity('1'))",
      "int(object.stringData.token) > 0",
      "double(object.stringData.token) > 0.0",
      "url(object.stringData.token).getHost() == ''",
      "ip(object.stringData.token).family() == 4",
      "cidr(object.stringData.token).prefixLength() == 1",
      "object.stringData.token.matches('(' + object.stringData.token)",
      "object.stringData.token.find('[' + object.stringData.token) == ''",
      "'%d'.format([object.stringData.token]) == ''",
      "object.data.password",
      "object.stringData.token",
      "duration(object.stringData.token) > duration('1s')",
      "timestamp(object.stringData.token) > timestamp('2020-01-01T00:00:00Z')",
      "object.data.key == 1",
      "int(object.data.key) > 0",
      "object.data.password == 1",
      "{'a': 1}[object.stringData.token] == 1",
      "object.data[object.stringData.token] == 1",
  })
  void aFailingExpressionOverASecretNeverQuotesItsValues(String expression) {
    List<Verdict> verdicts = RulePolicy.of(RuleSet.of("t", CEL.compile(CelRule.of("t", expression, "false"))))
        .evaluate(ObjectChange.create(SECRET));

    assertThat(verdicts).isNotEmpty();
    for (Verdict v : verdicts) {
      for (String secret : List.of(PLAIN, b64(PLAIN), STRING_DATA, b64(MULTILINE),
          "QUJDREVGR0hJSktMTU5PUA==", "-----BEGIN KEY-----\\nQUJD")) {
        assertThat(v.message()).as(expression).doesNotContain(secret);
        assertThat(v.path()).doesNotContain(secret);
      }
    }
  }
}
