package dev.stallwatch.streams.correlation;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Mitigation;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.HostEvents;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.scenarios.Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

  private final Analysis analysis = new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS);
  private final HostEvents laptop = new HostEvents("dev-laptop-07");

  @Test
  void shouldExplainAHangUnderResourceSaverWithItsReasonsIssuesAndEvidence() {
    Incident incident = only(replay(Scenarios.resourceSaverUnderGradual().events()));

    assertThat(incident.onset()).isEqualTo(HostEvents.at(ofMinutes(6)));
    assertThat(incident.confidence()).isEqualTo(0.98);
    assertThat(incident.confidenceReasons())
        .containsExactly(
            ".wslconfig sets autoMemoryReclaim=gradual",
            "the hang began 60 s after Docker Desktop entered Resource Saver",
            "WSL reclaimed memory 120 s before the hang began",
            "independent signals agree: apt_stall, hung_task",
            "the hang cleared 20 s after Docker Desktop left Resource Saver");
    assertThat(incident.knownIssues())
        .extracting(KnownIssueRef::id)
        .startsWith("microsoft/WSL#11066");
    assertThat(incident.evidence())
        .extracting(Evidence::type)
        .containsExactly("resource_saver", "apt_stall", "hung_task", "resource_saver", "apt_stall");
    assertThat(incident.resolvedAt()).isEqualTo(HostEvents.at(ofMinutes(12)));
    assertThat(incident.context().dockerDesktopVersion()).isEqualTo("4.42.0");
  }

  @Test
  void shouldDateAHungTaskFromWhenItBlockedNotFromTheMessage() {
    List<Incident> incidents =
        replay(
            List.of(
                laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"),
                laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122)));

    assertThat(only(incidents).onset()).isEqualTo(HostEvents.at(ofMinutes(8).minusSeconds(122)));
  }

  @Test
  void shouldNotBlameResourceSaverForAHangThatBeganAfterItEnded() {
    List<Incident> incidents =
        replay(
            List.of(
                laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
                laptop.entered(ofMinutes(1)),
                laptop.exited(ofMinutes(2)),
                laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122)));

    assertThat(only(incidents).rule()).isEqualTo("gradual-systemd-lag");
  }

  @Test
  void shouldJoinAHangReportedAfterTheExitToTheIncidentItBelongsTo() {
    List<Incident> incidents =
        replay(
            List.of(
                laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
                laptop.entered(ofMinutes(5)),
                laptop.aptStalled(ofMinutes(7), ofMinutes(6)),
                laptop.exited(ofMinutes(9)),
                laptop.hungTask(ofMinutes(9).plus(ofSeconds(5)), "apt-get", 4711, 180)));

    Incident incident = only(incidents);
    assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(incident.evidence()).extracting(Evidence::type).contains("hung_task");
  }

  @Test
  void shouldOpenAnAlreadyResolvedIncidentWhenTheWholeHangIsReportedAfterTheExit() {
    List<Incident> incidents =
        replay(
            List.of(
                laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
                laptop.entered(ofMinutes(5)),
                laptop.exited(ofMinutes(9)),
                laptop.hungTask(ofMinutes(9).plus(ofSeconds(5)), "apt-get", 4711, 180)));

    Incident incident = only(incidents);
    assertThat(incident.rule()).isEqualTo("resource-saver-gradual");
    assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(incident.resolvedAt()).isEqualTo(HostEvents.at(ofMinutes(9)));
  }

  @Test
  void shouldDropASecondDeliveryOfAnEvent() {
    TelemetryEvent hang = laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122);
    HostTimeline timeline = HostTimeline.empty(laptop.host());
    timeline =
        analysis
            .accept(
                timeline, laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"), HostEvents.BASE)
            .timeline();
    timeline = analysis.accept(timeline, hang, HostEvents.BASE).timeline();

    Analysis.Result again = analysis.accept(timeline, hang, HostEvents.BASE);

    assertThat(again.duplicate()).isTrue();
    assertThat(again.timeline()).isEqualTo(timeline);
  }

  @Test
  void shouldGiveTheSameIncidentsForTheSameEvents() {
    List<TelemetryEvent> events = Scenarios.resourceSaverUnderGradual().events();

    assertThat(replay(events)).isEqualTo(replay(events));
  }

  @Test
  void shouldCountHangsBeforeAndAfterAHostSwitchesToDropcache() {
    HostEvents.Machine gradual = HostEvents.machine().resourceSaver(false);
    List<TelemetryEvent> events = new ArrayList<>();
    events.add(laptop.inventory(ofMinutes(0), gradual));
    events.add(laptop.aptStalled(ofDays(1), ofDays(1).minusMinutes(2)));
    events.add(laptop.aptRecovered(ofDays(1).plusMinutes(3), ofDays(1).minusMinutes(2)));
    events.add(laptop.aptStalled(ofDays(2), ofDays(2).minusMinutes(2)));
    events.add(laptop.aptRecovered(ofDays(2).plusMinutes(3), ofDays(2).minusMinutes(2)));
    events.add(laptop.inventory(ofDays(4), gradual.reclaim("dropcache")));
    events.add(laptop.heartbeat(ofDays(8)));

    HostState state = lastState(events).orElseThrow();

    Mitigation mitigation = state.mitigations().getFirst();
    assertThat(mitigation.kind()).isEqualTo("reclaim-gradual-to-dropcache");
    assertThat(mitigation.hangsBefore()).isEqualTo(2);
    assertThat(mitigation.daysBefore()).isEqualTo(4.0);
    assertThat(mitigation.hangsAfter()).isZero();
    assertThat(mitigation.daysAfter()).isEqualTo(4.0);
    assertThat(state.incidentsLast7Days()).isEqualTo(1);
  }

  @Test
  void shouldCallAHostAtRiskWhenARuleMatchesItsContextButItNeverHung() {
    HostState state =
        lastState(
                List.of(
                    laptop.inventory(ofMinutes(0), HostEvents.machine()),
                    laptop.heartbeat(ofMinutes(1))))
            .orElseThrow();

    assertThat(state.riskRules())
        .containsExactly(
            "resource-saver-gradual", "resource-saver-cgroup-v2", "gradual-systemd-lag");
    assertThat(state.atRisk()).isTrue();
  }

  @Test
  void shouldNotCallAHostOnDropcacheAndAFixedDockerDesktopAtRiskOfResourceSaverHangs() {
    HostState state =
        lastState(
                List.of(
                    laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"),
                    laptop.heartbeat(ofMinutes(1))))
            .orElseThrow();

    assertThat(state.riskRules()).isEmpty();
    assertThat(state.atRisk()).isFalse();
  }

  @Test
  void shouldCarryTheMachinesNameIntoItsIncidentsAndItsState() {
    List<TelemetryEvent> events =
        List.of(
            laptop.inventory(ofMinutes(0), HostEvents.machine(), "anna-laptop"),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    Incident incident = only(replay(events));
    HostState state = lastState(events).orElseThrow();

    assertThat(incident.context().hostName()).isEqualTo("anna-laptop");
    assertThat(state.hostName()).isEqualTo("anna-laptop");
    assertThat(state.context().hostName()).isEqualTo("anna-laptop");
  }

  @Test
  void shouldNotJudgeTheRiskOfAHostKnownOnlyByItsName() {
    HostState state =
        lastState(
                List.of(
                    laptop.nameOnly(ofMinutes(0), "anna-laptop"), laptop.heartbeat(ofMinutes(1))))
            .orElseThrow();

    assertThat(state.hostName()).isEqualTo("anna-laptop");
    assertThat(state.riskRules()).isEmpty();
    assertThat(state.atRisk()).isFalse();
  }

  @Test
  void shouldNotTakeTheAnalyzersOwnDowntimeForASilentHost() {
    HostTimeline timeline = HostTimeline.empty(laptop.host());
    for (TelemetryEvent event :
        List.of(
            laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"),
            laptop.heartbeat(ofSeconds(10)),
            laptop.heartbeat(ofSeconds(20)))) {
      timeline = analysis.accept(timeline, event, event.ts()).timeline();
    }
    java.time.Instant restarted = HostEvents.at(ofMinutes(30));

    Analysis.Result justRestarted = analysis.tick(timeline, restarted.plusSeconds(5), restarted);
    Analysis.Result stillQuiet =
        analysis.tick(justRestarted.timeline(), restarted.plusSeconds(65), restarted);

    assertThat(justRestarted.incidents()).isEmpty();
    assertThat(stillQuiet.incidents()).extracting(Incident::rule).containsExactly("vm-freeze");
  }

  @Test
  void shouldJudgeQuietPeriodsAsOfWhenARecordingWasTakenButNotCallTheHostSilent() {
    List<TelemetryEvent> events =
        List.of(
            laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"),
            laptop.heartbeat(ofMinutes(1)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    Replay endsWithTheEvents = new Replay(analysis);
    events.forEach(endsWithTheEvents::accept);
    Replay takenAnHourLater = new Replay(analysis);
    events.forEach(takenAnHourLater::accept);

    assertThat(only(endsWithTheEvents.finish()).status()).isEqualTo(Incident.Status.OPEN);
    Incident later = only(takenAnHourLater.finish(HostEvents.at(ofMinutes(68))));
    assertThat(later.rule()).isEqualTo("unexplained-hang");
    assertThat(later.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(later.resolvedAt()).isEqualTo(HostEvents.at(ofMinutes(18)));
  }

  private Optional<HostState> lastState(List<TelemetryEvent> events) {
    HostTimeline timeline = HostTimeline.empty(laptop.host());
    Optional<HostState> last = Optional.empty();
    for (TelemetryEvent event : events) {
      Analysis.Result result = analysis.accept(timeline, event, event.ts());
      timeline = result.timeline();
      last = result.hostState().isPresent() ? result.hostState() : last;
    }
    Analysis.Result flushed = analysis.flush(timeline);
    return flushed.hostState().isPresent() ? flushed.hostState() : last;
  }

  private List<Incident> replay(List<TelemetryEvent> events) {
    Replay replay = new Replay(analysis);
    events.forEach(replay::accept);
    return replay.finish();
  }

  private static Incident only(List<Incident> incidents) {
    assertThat(incidents).hasSize(1);
    return incidents.getFirst();
  }
}
