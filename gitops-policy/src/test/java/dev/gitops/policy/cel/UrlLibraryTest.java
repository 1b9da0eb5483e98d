package dev.gitops.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.policy.RulePolicy;
import dev.gitops.policy.RuleSet;
import dev.gitops.policy.TestObjects;
import dev.gitops.policy.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlLibraryTest {
  private static final CelRuleCompiler CEL = CelRuleCompiler.create();
  private static final Manifest OBJECT = TestObjects.one("""
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingWebhookConfiguration
      metadata: {name: hooks}
      webhooks:
        - name: a.example.com
          clientConfig: {url: "https://hooks.example.com:8443/validate?team=a"}
      """);

  private static List<Verdict> run(String expression) {
    return RulePolicy.of(RuleSet.of("t", CEL.compile(CelRule.of("t", expression, "false"))))
        .evaluate(OBJECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "isURL('https://example.com/') && isURL('/absolute-path') && !isURL('example.com')",
      "!isURL('relative/path') && !isURL('mailto:someone@example.com') && !isURL('https://exa mple.com:x/')",
      "url('https://example.com/path').getScheme() == 'https' && url('/path').getScheme() == ''",
      "url('https://example.com:80/').getHost() == 'example.com:80'",
      "url('https://[::1]:80/').getHost() == '[::1]:80' && url('/path').getHost() == ''",
      "url('https://user:pw@example.com/').getHost() == 'example.com'",
      "url('https://[::1]:80/').getHostname() == '::1' && url('https://example.com:80/').getHostname() == 'example.com'",
      "url('https://example.com:80/').getPort() == '80' && url('https://example.com/').getPort() == ''",
      "url('https://example.com/path with spaces/').getEscapedPath() == '/path%20with%20spaces/'",
      "url('https://example.com').getEscapedPath() == ''",
      "url('https://example.com/?k=v&k=v2&x=a%20b').getQuery() == {'k': ['v', 'v2'], 'x': ['a b']}",
      "url('https://example.com/').getQuery() == {}",
      "object.webhooks.all(w, url(w.clientConfig.url).getScheme() == 'https' "
          + "&& url(w.clientConfig.url).getHostname().endsWith('.example.com') "
          + "&& url(w.clientConfig.url).getQuery()['team'] == ['a'])",
  })
  void evaluatesToTrue(String expression) {
    assertThat(run(expression)).as(expression).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"url('example.com').getScheme() == ''", "url('a b').getHost() == ''"})
  void invalidUrlIsAnError(String expression) {
    assertThat(run(expression)).singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("rule could not be evaluated"));
  }
}
