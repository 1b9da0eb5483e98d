package dev.gitops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.model.Manifest;
import dev.gitops.render.RenderResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

  @Test
  void quickstartFetchesRendersAndAppliesTheGuestbookIdempotently(@TempDir Path work) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    RenderResult result = Quickstart.run(work, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(result.objects()).extracting(m -> m.key().toString()).containsExactly(
        "ConfigMap guestbook/frontend-config",
        "apps/Deployment guestbook/frontend",
        "Service guestbook/frontend",
        "Namespace guestbook");
    assertThat(result.objects()).extracting(Manifest::source)
        .allSatisfy(s -> assertThat(s.path()).startsWith("apps/guestbook/"));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Rendered 4 objects").contains("apps/guestbook/frontend.yaml:34");
    assertThat(printed).contains("Policy gate: allowed")
        .contains("apps/guestbook/frontend.yaml:1 apps/Deployment guestbook/frontend: [run-as-non-root WARN]");
    assertThat(printed).containsPattern("apps/Deployment guestbook/frontend +created");
    assertThat(printed).containsPattern("apps/Deployment guestbook/frontend +unchanged");
  }

  @Test
  void quickstartFindsAChangeByHandAsDriftWithItsManagerAndRepairsIt(@TempDir Path work) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Quickstart.run(work, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    String before = printed.substring(0, printed.indexOf("After 'kubectl scale"));
    String after = printed.substring(printed.indexOf("forced, repairs it:"));
    assertThat(before).containsPattern("apps/Deployment guestbook/frontend +IN_SYNC").doesNotContain("OUT_OF_SYNC");
    assertThat(printed).contains("apps/Deployment guestbook/frontend OUT_OF_SYNC")
        .contains(".spec.replicas: 5 -> 2 (CHANGED_BY_MANAGER: live value set by field manager kubectl-edit")
        .contains("apps/guestbook/frontend.yaml:1)")
        .contains("-  replicas: 5").contains("+  replicas: 2");
    assertThat(after).containsPattern("apps/Deployment guestbook/frontend +configured")
        .containsPattern("apps/Deployment guestbook/frontend +IN_SYNC").doesNotContain("OUT_OF_SYNC");
  }
}
