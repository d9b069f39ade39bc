package dev.stallwatch.streams.correlation;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.HostEvents;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cause named from the host's setup when its Resource Saver evidence was never seen. */
class ProbableCauseTest {

  private static final HostEvents.Machine OLD_DOCKER_ON_GRADUAL =
      HostEvents.machine().dockerDesktop("4.26.1").systemd(false);

  private final HostEvents laptop = new HostEvents("dev-laptop-07");

  @Test
  void shouldNameResourceSaverAsProbableWhenTheSetupPointsToItButNoTransitionWasSeen() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), OLD_DOCKER_ON_GRADUAL),
                    laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122))));

    assertThat(incident.rule()).isEqualTo("resource-saver-gradual");
    assertThat(incident.title())
        .isEqualTo(
            "Probable: Hang while Docker Desktop was in Resource Saver with"
                + " autoMemoryReclaim=gradual");
    assertThat(incident.probable()).isTrue();
    assertThat(incident.confidence()).isEqualTo(0.45);
    assertThat(incident.missingEvidence())
        .containsExactly(
            "no Resource Saver transition was seen: the Windows-side collector is not running on"
                + " this machine",
            "Docker Desktop's backend did not answer GET /idle here, so whether Resource Saver was"
                + " active could not be read");
    assertThat(incident.confidenceReasons())
        .contains(
            ".wslconfig sets autoMemoryReclaim=gradual",
            "Resource Saver is on",
            "Docker Desktop 4.26.1 is in <4.42.1");
    assertThat(incident.knownIssues())
        .extracting(KnownIssueRef::id)
        .first()
        .isEqualTo("microsoft/WSL#11066");
    assertThat(incident.remediation()).contains("4.42.1");
  }

  @Test
  void shouldSayOnlyWhatTheHostLacks() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventoryWithBackendApi(
                        ofMinutes(0), OLD_DOCKER_ON_GRADUAL, Map.of("GET /idle", "answered")),
                    laptop.windowsHeartbeat(ofMinutes(1)),
                    laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122))));

    assertThat(incident.missingEvidence())
        .containsExactly("no Resource Saver transition was seen around the hang");
  }

  @Test
  void shouldKeepTheMissingEvidenceWhenMoreEvidenceJoinsAndWhenTheHangClears() {
    List<Incident> versions =
        versions(
            List.of(
                laptop.inventory(ofMinutes(0), OLD_DOCKER_ON_GRADUAL),
                laptop.aptStalled(ofMinutes(7), ofMinutes(6)),
                laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122),
                laptop.aptRecovered(ofMinutes(12), ofMinutes(6))));

    assertThat(versions).hasSizeGreaterThanOrEqualTo(3);
    assertThat(versions).allSatisfy(v -> assertThat(v.missingEvidence()).isNotEmpty());
    assertThat(versions).allSatisfy(v -> assertThat(v.title()).startsWith("Probable: "));
    Incident last = versions.getLast();
    assertThat(last.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(last.evidence()).extracting(e -> e.type()).contains("hung_task", "apt_stall");
  }

  @Test
  void shouldNotTakeResourceSaverForOffOnAHostThatCouldNotHaveSeenItOn() {
    HostEvents.Machine withSystemd = OLD_DOCKER_ON_GRADUAL.systemd(true);
    HostEvents blind = new HostEvents("dev-blind");
    HostEvents watched = new HostEvents("dev-watched");
    HostEvents fixed = new HostEvents("dev-fixed");

    Incident onBlindHost =
        only(
            replay(
                List.of(
                    blind.inventory(ofMinutes(0), withSystemd),
                    blind.hungTask(ofMinutes(8), "apt-get", 4711, 122))));
    Incident onWatchedHost =
        only(
            replay(
                List.of(
                    watched.inventory(ofMinutes(0), withSystemd),
                    watched.windowsHeartbeat(ofMinutes(1)),
                    watched.hungTask(ofMinutes(8), "apt-get", 4711, 122))));
    Incident whereItDoesNotEngage =
        only(
            replay(
                List.of(
                    fixed.inventory(ofMinutes(0), withSystemd.dockerDesktop("4.45.0")),
                    fixed.hungTask(ofMinutes(8), "apt-get", 4711, 122))));

    assertThat(onBlindHost.rule()).isEqualTo("resource-saver-gradual");
    assertThat(onBlindHost.probable()).isTrue();
    assertThat(onWatchedHost.rule()).isEqualTo("gradual-systemd-lag");
    assertThat(whereItDoesNotEngage.rule()).isEqualTo("gradual-systemd-lag");
  }

  @Test
  void shouldLeaveAHangUnexplainedWhenNothingInItsContextPointsToACause() {
    List<HostEvents.Machine> noPlausibleCause =
        List.of(
            OLD_DOCKER_ON_GRADUAL.resourceSaver(false),
            OLD_DOCKER_ON_GRADUAL.dockerDesktop("4.45.0"),
            OLD_DOCKER_ON_GRADUAL.reclaim("dropcache").dockerDesktop("4.45.0"));
    for (HostEvents.Machine machine : noPlausibleCause) {
      HostEvents host = new HostEvents("dev-" + machine.dockerDesktop().replace('.', '-'));
      Incident incident =
          only(
              replay(
                  List.of(
                      host.inventory(ofMinutes(0), machine),
                      host.hungTask(ofMinutes(8), "apt-get", 4711, 122))));

      assertThat(incident.rule()).as(machine.toString()).isEqualTo("unexplained-hang");
      assertThat(incident.probable()).isFalse();
      assertThat(incident.title()).isEqualTo("Hang with no known cause");
    }
  }

  @Test
  void shouldNotGuessResourceSaverWhenItsHistoryShowsItWasOff() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), OLD_DOCKER_ON_GRADUAL),
                    laptop.entered(ofMinutes(1)),
                    laptop.exited(ofMinutes(2)),
                    laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122))));

    assertThat(incident.rule()).isEqualTo("unexplained-hang");
  }

  @Test
  void shouldPreferTheEvidenceToTheGuessWhenResourceSaverWasSeen() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), OLD_DOCKER_ON_GRADUAL),
                    laptop.entered(ofMinutes(5)),
                    laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122))));

    assertThat(incident.rule()).isEqualTo("resource-saver-gradual");
    assertThat(incident.probable()).isFalse();
    assertThat(incident.title()).doesNotStartWith("Probable");
    assertThat(incident.confidence()).isGreaterThan(0.7);
  }

  @Test
  void shouldNameDockerVanishingAsProbableResourceSaverOnDockerDesktop481() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(
                        ofMinutes(0),
                        HostEvents.machine().reclaim("dropcache").dockerDesktop("4.81.0")),
                    laptop.dockerCli(ofMinutes(6), DockerCli.State.MISSING),
                    laptop.dockerCli(ofMinutes(9), DockerCli.State.PRESENT))));

    assertThat(incident.rule()).isEqualTo("docker-cli-vanished");
    assertThat(incident.title()).startsWith("Probable: The docker command vanished");
    assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(incident.knownIssues())
        .extracting(KnownIssueRef::id)
        .startsWith("docker/desktop-feedback#522");
  }

  private List<Incident> replay(List<TelemetryEvent> events) {
    Replay replay = new Replay(new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS));
    events.forEach(replay::accept);
    return replay.finish();
  }

  /** Every version of every incident, in the order they were published. */
  private List<Incident> versions(List<TelemetryEvent> events) {
    Analysis analysis = new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS);
    HostTimeline timeline = HostTimeline.empty(laptop.host());
    List<Incident> all = new ArrayList<>();
    for (TelemetryEvent event : events) {
      Analysis.Result result = analysis.accept(timeline, event, event.ts());
      timeline = result.timeline();
      all.addAll(result.incidents());
    }
    all.addAll(analysis.flush(timeline).incidents());
    return all;
  }

  private static Incident only(List<Incident> incidents) {
    assertThat(incidents).hasSize(1);
    return incidents.getFirst();
  }
}
