package dev.stallwatch.server.team;

import static dev.stallwatch.server.team.TeamFixtures.alertOf;
import static dev.stallwatch.server.team.TeamFixtures.incident;
import static dev.stallwatch.server.team.TeamFixtures.silence;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Severity;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.MaintenanceWindow;
import dev.stallwatch.model.team.SilenceMatchers;
import dev.stallwatch.server.alerting.AlertNotice;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamStateTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z"); // a Monday
  private final TeamState state = new TeamState(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldSuppressAnUnexplainedHangThatACauseOnTheSameHostExplains() {
    Incident freeze = incident("inc-f", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(10), null);
    Incident symptom =
        incident("inc-u", "dev-anna", "unexplained-hang", Severity.WARNING, ago(8), null);
    Incident elsewhere =
        incident("inc-o", "dev-zoe", "unexplained-hang", Severity.WARNING, ago(8), null);
    Incident earlier =
        incident("inc-e", "dev-anna", "unexplained-hang", Severity.WARNING, ago(60), ago(50));
    for (Incident i : new Incident[] {freeze, symptom, elsewhere, earlier}) {
      state.apply(i);
      state.apply(alertOf(i));
    }

    AlertStatus suppressed = state.status(alertOf(symptom));
    assertThat(suppressed.state()).isEqualTo("suppressed");
    assertThat(suppressed.suppressedBy()).isEqualTo(new Suppressor("inc-f", "vm-freeze"));
    assertThat(state.gate().shouldSend(new AlertNotice(alertOf(symptom), symptom))).isFalse();
    assertThat(state.status(alertOf(elsewhere)).state()).isEqualTo("firing");
    assertThat(state.status(alertOf(earlier)).state())
        .as("a symptom that ended before the cause began is not explained by it")
        .isEqualTo("resolved");
    assertThat(state.status(alertOf(freeze)).state())
        .as("a cause is never suppressed")
        .isEqualTo("firing");
  }

  @Test
  void shouldSilenceWhatTheMatchersCoverOnlyWhileTheSilenceRuns() {
    Incident anna =
        incident("inc-a", "dev-anna", "resource-saver-gradual", Severity.CRITICAL, ago(5), null);
    Incident box =
        incident(
            "inc-b", "build-box-03", "resource-saver-gradual", Severity.CRITICAL, ago(5), null);
    state.apply(anna);
    state.apply(box);
    state.apply(
        silence(
            "s-now",
            new SilenceMatchers("dev-*", null, "dd=4.42.0"),
            ago(30),
            NOW.plusSeconds(600),
            false,
            null));
    state.apply(
        silence(
            "s-later",
            new SilenceMatchers(null, "resource-saver-*", null),
            NOW.plusSeconds(60),
            NOW.plusSeconds(600),
            false,
            null));

    AlertStatus annas = state.status(alertOf(anna));
    assertThat(annas.state()).isEqualTo("silenced");
    assertThat(annas.silencedBy()).containsExactly("s-now");
    assertThat(annas.cohort()).contains("dd=4.42.0");
    assertThat(state.status(alertOf(box)).state()).isEqualTo("firing");
    assertThat(state.silences())
        .extracting(SilenceView::state)
        .containsExactlyInAnyOrder("active", "pending");
  }

  @Test
  void shouldEndAnUntilResolvedSilenceWhenWhatItCoveredResolves() {
    Incident open = incident("inc-a", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(20), null);
    state.apply(open);
    state.apply(alertOf(open));
    state.apply(
        silence("s-ur", new SilenceMatchers("dev-anna", null, null), ago(15), null, true, null));

    assertThat(state.status(alertOf(open)).state()).isEqualTo("silenced");
    assertThat(state.silence("s-ur").orElseThrow().state()).isEqualTo("active");

    Incident resolved =
        incident("inc-a", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(20), ago(2));
    state.apply(resolved);
    state.apply(alertOf(resolved));

    SilenceView ended = state.silence("s-ur").orElseThrow();
    assertThat(ended.state()).isEqualTo("expired");
    assertThat(ended.endedAt()).isEqualTo(ago(2));
    assertThat(state.status(alertOf(resolved)).state())
        .as("the resolution of an alert that was never sent is not sent either")
        .isEqualTo("silenced");
    Incident next = incident("inc-n", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(1), null);
    state.apply(next);
    state.apply(alertOf(next));
    assertThat(state.status(alertOf(next)).state()).isEqualTo("firing");
  }

  @Test
  void shouldSilenceInsideAMaintenanceWindowOnly() {
    Incident anna = incident("inc-a", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(5), null);
    state.apply(anna);
    var mondayMorning =
        new MaintenanceWindow(
            Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), Duration.ofHours(2), ZoneId.of("UTC"));
    var sundayNight =
        new MaintenanceWindow(
            Set.of(DayOfWeek.SUNDAY), LocalTime.of(22, 0), Duration.ofHours(2), ZoneId.of("UTC"));
    state.apply(
        silence(
            "s-mon",
            new SilenceMatchers("dev-anna", null, null),
            ago(60 * 24 * 30),
            null,
            false,
            mondayMorning));
    state.apply(
        silence(
            "s-sun",
            new SilenceMatchers("dev-anna", null, null),
            ago(60 * 24 * 30),
            null,
            false,
            sundayNight));

    assertThat(state.status(alertOf(anna)).silencedBy()).containsExactly("s-mon");
  }

  @Test
  void shouldTellOfAnEscalationOnceAndKeepTheHistoryInOrder() {
    Incident warning = incident("inc-a", "dev-anna", "vm-freeze", Severity.WARNING, ago(30), null);
    assertThat(state.apply(warning)).isEmpty();
    Incident critical =
        incident("inc-a", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(30), null);
    IncidentAction escalation = state.apply(critical).orElseThrow();
    assertThat(escalation.text()).isEqualTo("critical");
    state.apply(escalation);
    assertThat(state.apply(critical)).as("already recorded").isEmpty();

    state.apply(
        new IncidentAction(
            "inc-a", IncidentAction.Kind.ACKNOWLEDGED, null, "anna (token)", ago(20), "looking"));
    state.apply(
        new IncidentAction(
            "inc-a",
            IncidentAction.Kind.NOTE,
            "n1",
            "zoe (token)",
            ago(10),
            "turned Resource Saver off"));
    Incident resolved =
        incident("inc-a", "dev-anna", "vm-freeze", Severity.CRITICAL, ago(30), ago(1));

    assertThat(state.history(resolved))
        .extracting(HistoryEntry::what)
        .containsExactly("opened", "escalated", "acknowledged", "note", "resolved");
    assertThat(state.history(resolved).get(2).by()).isEqualTo("anna (token)");
  }

  @Test
  void shouldPutOpenedFirstWhenTheFreezeWasReportedAfterItEnded() {
    Incident freeze =
        incident("inc-f", "dev-kai", "vm-freeze", Severity.CRITICAL, ago(20), ago(19));
    // The collector reports a freeze once the VM runs again: the evidence is newer than the end.
    Incident reported =
        new Incident(
            freeze.id(),
            freeze.host(),
            freeze.rule(),
            freeze.title(),
            freeze.status(),
            freeze.severity(),
            freeze.onset(),
            ago(18),
            ago(18),
            ago(19),
            freeze.confidence(),
            freeze.confidenceReasons(),
            freeze.evidence(),
            freeze.context(),
            freeze.knownIssues(),
            freeze.remediation());

    assertThat(state.history(reported))
        .extracting(HistoryEntry::what)
        .containsExactly("opened", "resolved");
    assertThat(state.history(reported).get(1).at()).isEqualTo(ago(19));
  }

  @Test
  void shouldForgetTheOldestAlertEpisodesBeyondItsBound() {
    for (int i = 0; i < AlertBoard.MAX_EPISODES + 10; i++) {
      state.apply(
          new Alert(
              "h/r",
              "h",
              "r",
              Alert.Status.RESOLVED,
              Severity.INFO,
              "s",
              "inc-" + i,
              NOW.minusSeconds(i),
              NOW));
    }
    assertThat(state.alerts()).hasSize(AlertBoard.MAX_EPISODES);
  }

  private static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }
}
