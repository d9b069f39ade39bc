package dev.stallwatch.streams.correlation;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.HostEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

  private final Correlator correlator = new Correlator();
  private final HostEvents laptop = new HostEvents("dev-laptop-07");

  @Test
  void shouldOpenIncidentWhenHangFollowsResourceSaverEntryUnderGradual() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    assertThat(incidents).hasSize(1);
    Incident incident = incidents.getFirst();
    assertThat(incident.rule()).isEqualTo("resource-saver-gradual");
    assertThat(incident.status()).isEqualTo(Incident.Status.OPEN);
    assertThat(incident.onset()).isEqualTo(HostEvents.at(ofMinutes(8).minusSeconds(122)));
    assertThat(incident.confidence()).isGreaterThan(0.8);
    assertThat(incident.confidenceReasons())
        .contains("the hang began 58 s after Docker Desktop entered Resource Saver");
    assertThat(incident.knownIssues())
        .extracting(KnownIssueRef::id)
        .contains("microsoft/WSL#11066");
    assertThat(incident.evidence())
        .extracting(e -> e.type())
        .containsExactly("resource_saver", "hung_task");
    assertThat(incident.context().dockerDesktopVersion()).isEqualTo("4.42.0");
  }

  @Test
  void shouldResolveIncidentWhenResourceSaverExits() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122),
            laptop.exited(ofMinutes(12)));

    assertThat(incidents).hasSize(2);
    assertThat(incidents.get(1).id()).isEqualTo(incidents.get(0).id());
    assertThat(incidents.get(1).status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(incidents.get(1).resolvedAt()).isEqualTo(HostEvents.at(ofMinutes(12)));
  }

  @Test
  void shouldAddALaterSignalOfTheSameHangToTheOpenIncident() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.aptStalled(ofMinutes(7), ofMinutes(6)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    assertThat(incidents).extracting(Incident::id).containsOnly(incidents.getFirst().id());
    Incident latest = incidents.getLast();
    assertThat(latest.evidence()).extracting(e -> e.type()).contains("apt_stall", "hung_task");
    assertThat(latest.confidence()).isGreaterThan(incidents.getFirst().confidence());
  }

  @Test
  void shouldCallAHangUnexplainedWhenReclaimIsDropcache() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "dropcache", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    assertThat(incidents).extracting(Incident::rule).containsExactly("unexplained-hang");
  }

  @Test
  void shouldCallAHangWithoutResourceSaverUnexplained() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.hungTask(ofMinutes(8), "ls", 812, 120));

    assertThat(incidents).extracting(Incident::rule).containsExactly("unexplained-hang");
  }

  @Test
  void shouldNotBlameResourceSaverForAHangThatBeganAfterItEnded() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(1)),
            laptop.exited(ofMinutes(2)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    assertThat(incidents).extracting(Incident::rule).containsExactly("unexplained-hang");
  }

  @Test
  void shouldOpenNothingForResourceSaverWithoutAHang() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.heartbeat(ofMinutes(6)),
            laptop.exited(ofMinutes(20)));

    assertThat(incidents).isEmpty();
  }

  @Test
  void shouldOpenAnAlreadyResolvedIncidentWhenTheHangIsReportedAfterTheExit() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.exited(ofMinutes(9)),
            laptop.hungTask(ofMinutes(9).plus(ofSeconds(5)), "apt-get", 4711, 180));

    assertThat(incidents).hasSize(1);
    assertThat(incidents.getFirst().rule()).isEqualTo("resource-saver-gradual");
    assertThat(incidents.getFirst().status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(incidents.getFirst().resolvedAt()).isEqualTo(HostEvents.at(ofMinutes(9)));
  }

  @Test
  void shouldResolveAnUnexplainedHangWhenAptRecovers() {
    List<Incident> incidents =
        run(
            laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"),
            laptop.aptStalled(ofMinutes(3), ofMinutes(1)),
            laptop.aptRecovered(ofMinutes(4), ofMinutes(1)));

    assertThat(incidents)
        .extracting(Incident::status)
        .containsExactly(Incident.Status.OPEN, Incident.Status.RESOLVED);
  }

  @Test
  void shouldGiveTheSameIncidentsForTheSameEvents() {
    List<TelemetryEvent> events =
        List.of(
            laptop.inventory(ofMinutes(0), "gradual", "4.42.0"),
            laptop.entered(ofMinutes(5)),
            laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122),
            laptop.exited(ofMinutes(12)));

    assertThat(run(events.toArray(TelemetryEvent[]::new)))
        .isEqualTo(run(events.toArray(TelemetryEvent[]::new)));
  }

  private List<Incident> run(TelemetryEvent... events) {
    HostTimeline timeline = Correlator.emptyTimeline(laptop.host());
    List<Incident> emitted = new ArrayList<>();
    for (TelemetryEvent event : events) {
      Step step = correlator.apply(timeline, event);
      timeline = step.timeline();
      emitted.addAll(step.incidents());
    }
    return emitted;
  }
}
