package dev.stallwatch.streams.correlation;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.HostEvents;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same symptoms, other causes: a sleep, a busy disk after it, a stuck wsl.exe, a manual Pause. */
class LookAlikesTest {

  private static final String E_UNEXPECTED =
      "Catastrophic failure\r\nError code: Wsl/Service/E_UNEXPECTED";

  private final HostEvents laptop = new HostEvents("dev-laptop-07");

  @Test
  void shouldBlameTheSleepNotResourceSaverForAHangRightAfterThePcWoke() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), HostEvents.machine()),
                    laptop.entered(ofMinutes(5)),
                    laptop.suspended(ofMinutes(40).plusSeconds(3), ofMinutes(6), ofMinutes(40)),
                    laptop.hungTask(ofMinutes(42), "apt-get", 4711, 120))));

    assertThat(incident.rule()).isEqualTo("sleep-resume");
    assertThat(incident.knownIssues())
        .extracting(KnownIssueRef::id)
        .containsExactly("microsoft/WSL#14193", "microsoft/WSL#6982");
    assertThat(incident.confidenceReasons())
        .contains(
            "the hang began as the guest resumed from a 2040 s suspend",
            "the guest's monotonic clock missed 2038 s of the gap: the PC slept, no process was"
                + " frozen");
    assertThat(incident.evidence()).extracting(Evidence::type).contains("freeze", "hung_task");
  }

  @Test
  void shouldNotBlameResourceSaverForADockerCommandWaitingRightAfterThePcWoke() {
    List<Incident> incidents =
        replay(
            List.of(
                laptop.inventory(ofMinutes(0), HostEvents.machine()),
                laptop.entered(ofMinutes(5)),
                laptop.suspended(ofMinutes(40).plusSeconds(3), ofMinutes(6), ofMinutes(40)),
                laptop.dockerWaiting(ofMinutes(42), "docker", 2204, 60)));

    assertThat(incidents).extracting(Incident::rule).doesNotContain("resource-saver-no-wake");
    assertThat(incidents).isEmpty();
  }

  @Test
  void shouldBlameTheSleepForANewTerminalFailingWithEUnexpectedAfterWaking() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), HostEvents.machine()),
                    laptop.entered(ofMinutes(5)),
                    laptop.suspended(ofMinutes(40).plusSeconds(3), ofMinutes(6), ofMinutes(40)),
                    laptop.distroProbe(ofMinutes(41), ProbeStatus.FAILED, E_UNEXPECTED),
                    laptop.distroProbe(ofMinutes(43), ProbeStatus.OK, null))));

    assertThat(incident.rule()).isEqualTo("sleep-resume");
    assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(incident.evidence()).extracting(Evidence::line).contains(E_UNEXPECTED);
    assertThat(incident.evidence())
        .extracting(Evidence::summary)
        .contains("wsl.exe into Ubuntu-24.04: FAILED with Wsl/Service/E_UNEXPECTED");
  }

  @Test
  void shouldTakeAFreezeBothClocksSawForAFrozenVmAndOneTheMonotonicClockMissedForASleep() {
    List<Incident> frozen =
        replay(
            List.of(
                laptop.inventory(ofMinutes(0), HostEvents.machine()),
                laptop.frozen(ofMinutes(19).plusSeconds(2), ofMinutes(12), ofMinutes(19))));
    HostEvents other = new HostEvents("dev-laptop-08");
    List<Incident> slept =
        replay(
            List.of(
                other.inventory(ofMinutes(0), HostEvents.machine()),
                other.suspended(ofMinutes(19).plusSeconds(2), ofMinutes(12), ofMinutes(19))));

    assertThat(frozen).extracting(Incident::rule).containsExactly("vm-freeze");
    assertThat(slept).isEmpty();
  }

  @Test
  void shouldTakeBackTheFrozenVmALiveAnalyzerAssumedOnceTheSilenceTurnsOutToBeASleep() {
    Analysis analysis = new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS);
    HostTimeline timeline = HostTimeline.empty(laptop.host());
    for (TelemetryEvent event :
        List.of(
            laptop.inventory(ofMinutes(0), HostEvents.machine()),
            laptop.heartbeat(ofSeconds(10)),
            laptop.heartbeat(ofSeconds(20)))) {
      timeline = analysis.accept(timeline, event, event.ts()).timeline();
    }
    Analysis.Result silent =
        analysis.tick(timeline, HostEvents.at(ofSeconds(90)), HostEvents.at(ofSeconds(20)));
    assertThat(silent.incidents()).extracting(Incident::rule).containsExactly("vm-freeze");

    TelemetryEvent woke =
        laptop.suspended(ofMinutes(40).plusSeconds(2), ofSeconds(30), ofMinutes(40));
    Analysis.Result after = analysis.accept(silent.timeline(), woke, woke.ts());
    after = analysis.flush(after.timeline());

    Incident freeze = silent.incidents().getFirst();
    Incident last =
        replayedVersions(after).stream()
            .filter(i -> i.id().equals(freeze.id()))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(last.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(last.confidence()).isEqualTo(0.1);
    assertThat(last.confidenceReasons())
        .contains("the host was silent because the guest was suspended (the PC slept), not frozen");
  }

  private static List<Incident> replayedVersions(Analysis.Result result) {
    List<Incident> versions = new ArrayList<>(result.timeline().recent());
    versions.addAll(result.timeline().open());
    return versions;
  }

  @Test
  void shouldNotCallAFewSecondsTheMonotonicClockMissedASuspend() {
    TelemetryEvent shortGap =
        new dev.stallwatch.model.event.Freeze(
            new dev.stallwatch.model.event.Envelope(
                1, laptop.host(), HostEvents.at(ofMinutes(19).plusSeconds(2)), 9, "gap-1"),
            HostEvents.at(ofMinutes(12)),
            HostEvents.at(ofMinutes(19)),
            ofMinutes(7).minusSeconds(20).toMillis());

    List<Incident> incidents =
        replay(List.of(laptop.inventory(ofMinutes(0), HostEvents.machine()), shortGap));

    assertThat(incidents).extracting(Incident::rule).containsExactly("vm-freeze");
  }

  @Test
  void shouldBlameTheDiskNotResourceSaverForIoStallsAfterALongSuspend() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), HostEvents.machine()),
                    laptop.entered(ofMinutes(5)),
                    laptop.suspended(ofMinutes(70).plusSeconds(2), ofMinutes(10), ofMinutes(70)),
                    laptop.ioStall(ofMinutes(80), 120))));

    assertThat(incident.rule()).isEqualTo("disk-after-suspend");
    assertThat(incident.knownIssues())
        .extracting(KnownIssueRef::id)
        .containsExactly("microsoft/WSL#13251");
  }

  @Test
  void shouldBlameResourceSaverAgainOnceTheSuspendIsLongPast() {
    Incident incident =
        only(
            replay(
                List.of(
                    laptop.inventory(ofMinutes(0), HostEvents.machine()),
                    laptop.suspended(ofMinutes(40).plusSeconds(3), ofMinutes(6), ofMinutes(40)),
                    laptop.entered(ofMinutes(60)),
                    laptop.hungTask(ofMinutes(65), "apt-get", 4711, 120))));

    assertThat(incident.rule()).isEqualTo("resource-saver-gradual");
  }

  @Test
  void shouldTellAStuckWslExeFromAFrozenDistroByTheDistrosOwnReports() {
    List<TelemetryEvent> running = new ArrayList<>();
    List<TelemetryEvent> frozen = new ArrayList<>();
    HostEvents a = new HostEvents("dev-running");
    HostEvents b = new HostEvents("dev-frozen");
    running.add(a.inventory(ofMinutes(0), HostEvents.machine()));
    frozen.add(b.inventory(ofMinutes(0), HostEvents.machine()));
    running.add(a.entered(ofMinutes(5)));
    frozen.add(b.entered(ofMinutes(5)));
    for (int second = 300; second <= 480; second += 10) {
      running.add(a.heartbeat(ofSeconds(second)));
      if (second <= 360) {
        frozen.add(b.heartbeat(ofSeconds(second)));
      }
      if (second >= 370 && second % 30 == 10) {
        running.add(a.distroProbe(ofSeconds(second + 5), ProbeStatus.TIMEOUT, null));
        frozen.add(b.distroProbe(ofSeconds(second + 5), ProbeStatus.TIMEOUT, null));
      }
    }

    assertThat(replay(running)).extracting(Incident::rule).containsExactly("wsl-service-hang");
    Incident frozenDistro = only(replay(frozen));
    assertThat(frozenDistro.rule()).isEqualTo("resource-saver-gradual");
    assertThat(frozenDistro.onset()).isEqualTo(HostEvents.at(ofSeconds(375)));
  }

  @Test
  void shouldCallAnEnginePauseOnDockerDesktop4421AManualPauseAndOn4420ResourceSaver() {
    HostEvents.Machine v2NoReclaim = HostEvents.machine().reclaim(null);
    assertThat(ruleFor(v2NoReclaim.dockerDesktop("4.42.0"))).isEqualTo("resource-saver-cgroup-v2");
    assertThat(ruleFor(v2NoReclaim.dockerDesktop("4.42.1"))).isEqualTo("docker-paused");
    assertThat(ruleFor(v2NoReclaim.dockerDesktop("4.80.0"))).isEqualTo("docker-paused");
    assertThat(ruleFor(v2NoReclaim.dockerDesktop("4.81.0"))).isEqualTo("unexplained-hang");
  }

  private String ruleFor(HostEvents.Machine machine) {
    HostEvents h = new HostEvents("dev-" + machine.dockerDesktop().replace('.', '-'));
    return only(replay(
            List.of(
                h.inventory(ofMinutes(0), machine),
                h.entered(ofMinutes(1)),
                h.hungTask(ofMinutes(6), "ls", 9127, 120),
                h.exited(ofMinutes(12)))))
        .rule();
  }

  private List<Incident> replay(List<TelemetryEvent> events) {
    Replay replay = new Replay(new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS));
    events.forEach(replay::accept);
    return replay.finish();
  }

  private static Incident only(List<Incident> incidents) {
    assertThat(incidents).hasSize(1);
    return incidents.getFirst();
  }
}
