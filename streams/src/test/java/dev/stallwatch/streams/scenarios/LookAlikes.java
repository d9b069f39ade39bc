package dev.stallwatch.streams.scenarios;

import static dev.stallwatch.model.Incident.Status.OPEN;
import static dev.stallwatch.model.Incident.Status.RESOLVED;
import static dev.stallwatch.streams.scenarios.Scenarios.m;
import static dev.stallwatch.streams.scenarios.Scenarios.scenario;
import static java.time.Duration.ofSeconds;

import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.HostEvents;
import dev.stallwatch.streams.scenarios.Scenario.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The newer stories: docker vanishing under Resource Saver, a cause named from the host's setup
 * alone, and the look-alikes that must never be blamed on Resource Saver (sleep, a disk busy after
 * a suspend, a stuck wsl.exe).
 */
final class LookAlikes {

  static final String E_UNEXPECTED =
      "Catastrophic failure\\r\\nError code: Wsl/Service/E_UNEXPECTED";

  private LookAlikes() {}

  /** docker/desktop-feedback#522: on 4.81 the docker link vanishes while Resource Saver is on. */
  static Scenario dockerCliVanishingDuringResourceSaver() {
    HostEvents h = new HostEvents("dev-nora");
    return scenario(
        "docker vanishes during Resource Saver on Docker Desktop 4.81",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.81.0")),
            h.entered(m(5)),
            h.dockerCli(m(5).plus(ofSeconds(10)), DockerCli.State.MISSING),
            h.heartbeat(m(6)),
            h.exited(m(12)),
            h.dockerCli(m(12).plus(ofSeconds(5)), DockerCli.State.PRESENT),
            h.heartbeat(m(13))),
        new Outcome("docker-cli-vanished", RESOLVED));
  }

  /**
   * The capture: gradual, Resource Saver on, Docker Desktop 4.26.1, a hung task, and no
   * Resource Saver transition because nothing on the Windows side reports.
   */
  static Scenario probableResourceSaverWithoutItsHistory() {
    HostEvents h = new HostEvents("dev-olga");
    return scenario(
        "probable Resource Saver hang with no transition seen",
        List.of(
            h.inventory(m(0), HostEvents.machine().dockerDesktop("4.26.1").systemd(false)),
            h.heartbeat(m(1)),
            h.hungTask(m(8), "apt-get", 4711, 122)),
        new Outcome("resource-saver-gradual", OPEN));
  }

  /**
   * microsoft/WSL#14193: the PC slept while Resource Saver was on; after waking, a new terminal
   * fails with E_UNEXPECTED and apt hangs. The suspend, not Resource Saver, explains it.
   */
  static Scenario hangAfterThePcWokeWhileResourceSaverWasOn() {
    HostEvents h = new HostEvents("dev-pia");
    return scenario(
        "hang after the PC woke, with Resource Saver on",
        List.of(
            h.inventory(m(0), HostEvents.machine()),
            h.entered(m(5)),
            h.suspended(m(46).plus(ofSeconds(2)), m(6), m(46)),
            h.heartbeat(m(46).plus(ofSeconds(5))),
            h.distroProbe(m(47), ProbeStatus.FAILED, E_UNEXPECTED),
            h.hungTask(m(48), "apt-get", 4711, 120),
            h.exited(m(49)),
            h.distroProbe(m(50), ProbeStatus.OK, null),
            h.heartbeat(m(51))),
        new Outcome("sleep-resume", RESOLVED));
  }

  /** microsoft/WSL#13251: after a long suspend the host disk is at 100 % and I/O stalls. */
  static Scenario diskStallAfterALongSuspend() {
    HostEvents h = new HostEvents("dev-quinn");
    return scenario(
        "disk stall after a long suspend",
        List.of(
            h.inventory(m(0), HostEvents.machine()),
            h.entered(m(5)),
            h.suspended(m(70).plus(ofSeconds(2)), m(10), m(70)),
            h.ioStall(m(73), 120),
            h.heartbeat(m(74))),
        new Outcome("disk-after-suspend", OPEN));
  }

  /**
   * microsoft/WSL#12793: wsl.exe into the distro times out for minutes while the distro's own
   * collector reports every 10 s; Resource Saver happened to be on.
   */
  static Scenario wslExeHangingWhileTheDistroRuns() {
    HostEvents h = new HostEvents("dev-rui");
    List<TelemetryEvent> events = new ArrayList<>();
    events.add(h.inventory(m(0), HostEvents.machine()));
    events.add(h.windowsHeartbeat(m(1)));
    events.add(h.entered(m(5)));
    for (int second = 300; second <= 600; second += 10) {
      events.add(h.heartbeat(ofSeconds(second)));
      if (second >= 360 && second < 540 && second % 30 == 0) {
        events.add(
            h.distroProbe(ofSeconds(second + 5), ProbeStatus.TIMEOUT, "timed out after 10 s"));
      }
    }
    events.add(h.distroProbe(ofSeconds(545), ProbeStatus.OK, null));
    return scenario(
        "wsl.exe hangs while the distro runs", events, new Outcome("wsl-service-hang", RESOLVED));
  }

  /** The PC slept for an hour and nothing hung after it: a sleep alone is no incident. */
  static Scenario sleepWithNothingHung() {
    HostEvents h = new HostEvents("dev-sam");
    return new Scenario(
        "a sleep with nothing hung",
        List.of(
            h.inventory(m(0), HostEvents.machine()),
            h.heartbeat(m(1)),
            h.suspended(m(61).plus(ofSeconds(2)), m(1), m(61)),
            h.heartbeat(m(61).plus(ofSeconds(5)))),
        List.of());
  }
}
