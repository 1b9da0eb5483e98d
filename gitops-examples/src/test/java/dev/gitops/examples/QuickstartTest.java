package dev.gitops.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gitops.history.SyncOutcome;
import dev.gitops.history.SyncRecord;
import dev.gitops.history.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

  private static String section(String printed, String from, String to) {
    int start = printed.indexOf(from);
    int end = to == null ? printed.length() : printed.indexOf(to, start);
    assertThat(start).as("section " + from).isNotNegative();
    return printed.substring(start, end);
  }

  @Test
  void quickstartTellsTheWholeStoryAndRecordsEverySync(@TempDir Path work) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<SyncRecord> history = Quickstart.run(work, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    String plan = section(printed, "== Plan", "== Sync");
    assertThat(plan).contains("gate: allowed, 7 findings")
        .contains("apps/guestbook/frontend.yaml:1 apps/Deployment guestbook/frontend: [run-as-non-root WARN]")
        .containsPattern("CREATE +Namespace guestbook +apps/guestbook/namespace.yaml:1")
        .containsPattern("CREATE +Service guestbook/frontend +apps/guestbook/frontend.yaml:34");
    String steps = plan.substring(plan.indexOf("Sync wave 0"));
    assertThat(steps.indexOf("Namespace guestbook")).isLessThan(steps.indexOf("apps/Deployment guestbook/frontend"));

    String sync = section(printed, "== Sync", "== A new commit");
    assertThat(sync).contains("SUCCEEDED guestbook").contains("4 created").contains("health: HEALTHY")
        .containsPattern("CREATED +apps/Deployment guestbook/frontend");

    String change = section(printed, "== A new commit", "== Drift");
    assertThat(change).containsPattern("CREATED +ConfigMap guestbook/frontend-settings")
        .containsPattern("CONFIGURED +apps/Deployment guestbook/frontend")
        .containsPattern("UNCHANGED +Service guestbook/frontend")
        .containsPattern("DELETED +ConfigMap guestbook/frontend-config");

    String drift = section(printed, "== Drift", "== Rollback");
    assertThat(drift).contains("UPDATE apps/Deployment guestbook/frontend declared in apps/guestbook/frontend.yaml:1")
        .contains(".spec.replicas: 5 -> 3 (CHANGED_BY_MANAGER: live value set by field manager kubectl-edit")
        .contains("-  replicas: 5").contains("+  replicas: 3")
        .containsPattern("CONFIGURED +apps/Deployment guestbook/frontend")
        .contains("In sync after the repair: true");

    String rollback = section(printed, "== Rollback", "== History");
    assertThat(rollback).containsPattern("CREATED +ConfigMap guestbook/frontend-config")
        .containsPattern("DELETED +ConfigMap guestbook/frontend-settings")
        .contains("An automated sync now: HELD").contains("After resume, automated syncs follow the branch again: SUCCEEDED");

    assertThat(history).extracting(SyncRecord::trigger).containsExactly(Trigger.AUTOMATED, Trigger.RESUME,
        Trigger.ROLLBACK, Trigger.MANUAL, Trigger.MANUAL, Trigger.MANUAL);
    assertThat(history).filteredOn(r -> r.trigger() != Trigger.RESUME).extracting(SyncRecord::outcome)
        .containsOnly(SyncOutcome.SUCCEEDED);
    assertThat(history.get(2).note()).contains("rollback to").contains("(as synced in #1)");
    assertThat(history.get(2).commitId()).isEqualTo(history.get(5).commitId());
    assertThat(section(printed, "== History", null)).contains("#6").contains("#1");
  }
}
