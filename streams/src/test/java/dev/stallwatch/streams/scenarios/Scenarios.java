package dev.stallwatch.streams.scenarios;

import static dev.stallwatch.model.Incident.Status.OPEN;
import static dev.stallwatch.model.Incident.Status.RESOLVED;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.HostEvents;
import dev.stallwatch.streams.scenarios.Scenario.Outcome;
import java.time.Duration;
import java.util.List;

/** One timeline per shipped rule, and the cases that must not be blamed on Resource Saver. */
public final class Scenarios {

  private Scenarios() {}

  public static List<Scenario> all() {
    return List.of(
        resourceSaverUnderGradual(),
        resourceSaverOnCgroupV2WithOldDockerDesktop(),
        gradualWithSystemdAndNoResourceSaver(),
        resourceSaverThatDoesNotRecover(),
        resourceSaverThatDoesNotWakeForDocker(),
        reclaimWritesFailingWithEagain(),
        cgroupV1DisabledByAutoMemoryReclaim(),
        wholeVmFreezeReportedByTheCollector(),
        resourceSaverUnderDropcacheWhereItEngagesAgain(),
        hangWithoutResourceSaverUnderDropcache(),
        resourceSaverWithoutAHang(),
        manualPauseOnDockerDesktopWithoutResourceSaver(),
        LookAlikes.dockerCliVanishingDuringResourceSaver(),
        LookAlikes.probableResourceSaverWithoutItsHistory(),
        LookAlikes.hangAfterThePcWokeWhileResourceSaverWasOn(),
        LookAlikes.diskStallAfterALongSuspend(),
        LookAlikes.wslExeHangingWhileTheDistroRuns(),
        LookAlikes.sleepWithNothingHung());
  }

  /** microsoft/WSL#11066: apt update freezes while Docker Desktop sleeps, clears when it wakes. */
  public static Scenario resourceSaverUnderGradual() {
    HostEvents h = new HostEvents("dev-anna");
    return scenario(
        "hang during Resource Saver under gradual",
        List.of(
            h.inventory(m(0), HostEvents.machine()),
            h.reclaim(m(4)),
            h.entered(m(5)),
            h.aptStalled(m(7), m(6)),
            h.hungTask(m(8), "apt-get", 4711, 122),
            h.exited(m(12)),
            h.aptRecovered(m(12).plus(ofSeconds(20)), m(6)),
            h.heartbeat(m(13))),
        new Outcome("resource-saver-gradual", RESOLVED));
  }

  /** docker/for-win#14656: cgroup v2, Docker Desktop 4.42, no gradual: still freezes. */
  public static Scenario resourceSaverOnCgroupV2WithOldDockerDesktop() {
    HostEvents h = new HostEvents("dev-fatima");
    return scenario(
        "hang during Resource Saver on cgroup v2 before Docker Desktop 4.42.1",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim(null)),
            h.entered(m(1)),
            h.hungTask(m(6), "ls", 9127, 120),
            h.exited(m(12)),
            h.heartbeat(m(13))),
        new Outcome("resource-saver-cgroup-v2", RESOLVED));
  }

  /** microsoft/WSL#10675: gradual + systemd, idle distro, apt update crawls; no Docker at all. */
  public static Scenario gradualWithSystemdAndNoResourceSaver() {
    HostEvents h = new HostEvents("dev-gus");
    return scenario(
        "lag under gradual with systemd and no Resource Saver",
        List.of(
            h.inventory(m(0), HostEvents.machine().resourceSaver(false)),
            h.reclaim(m(17)),
            h.aptStalled(m(20), m(18)),
            h.aptRecovered(m(25), m(18)),
            h.heartbeat(m(26))),
        new Outcome("gradual-systemd-lag", RESOLVED));
  }

  /** docker/for-mac#6933: Resource Saver ends but the engine never answers again. */
  public static Scenario resourceSaverThatDoesNotRecover() {
    HostEvents h = new HostEvents("dev-hana");
    return scenario(
        "Resource Saver that does not recover",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.45.0")),
            h.entered(m(5)),
            h.engine(m(5), ProbeStatus.TIMEOUT),
            h.exited(m(10)),
            h.heartbeat(m(11)),
            h.heartbeat(m(12).plus(ofSeconds(30))),
            h.engine(m(15), ProbeStatus.OK),
            h.heartbeat(m(16))),
        new Outcome("resource-saver-stuck", RESOLVED));
  }

  /** docker/for-win#13794: docker ps waits while the engine stays paused, until woken by hand. */
  public static Scenario resourceSaverThatDoesNotWakeForDocker() {
    HostEvents h = new HostEvents("dev-jonas");
    return scenario(
        "Resource Saver that does not wake for a docker command",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.45.0")),
            h.entered(m(5)),
            h.engine(m(5), ProbeStatus.TIMEOUT),
            h.heartbeat(m(6)),
            h.dockerWaiting(m(8), "docker", 2204, 45),
            h.heartbeat(m(9)),
            h.exited(m(12)),
            h.engine(m(12), ProbeStatus.OK),
            h.heartbeat(m(13))),
        new Outcome("resource-saver-no-wake", RESOLVED));
  }

  /** microsoft/WSL#10534: memory.reclaim writes fail with EAGAIN, then stop. */
  public static Scenario reclaimWritesFailingWithEagain() {
    HostEvents h = new HostEvents("dev-ivo");
    String line =
        "WSL (1) ERROR: WriteToFile:83: write(/sys/fs/cgroup/memory.reclaim, 268435456)"
            + " failed -1 11";
    return scenario(
        "reclaim writes failing with EAGAIN",
        List.of(
            h.inventory(m(0), HostEvents.machine()),
            h.reclaimFailed(m(30), line),
            h.reclaimFailed(m(31), line),
            h.heartbeat(m(70))),
        new Outcome("reclaim-eagain", RESOLVED));
  }

  /** microsoft/WSL#10515: WSL 2.0 with autoMemoryReclaim boots with cgroup_no_v1=all. */
  public static Scenario cgroupV1DisabledByAutoMemoryReclaim() {
    HostEvents h = new HostEvents("dev-jo");
    HostEvents.Machine old = HostEvents.machine().wsl("2.0.9.0", CgroupLayout.HYBRID);
    return scenario(
        "cgroup v1 disabled by autoMemoryReclaim",
        List.of(
            h.inventory(m(0), old),
            h.kernel(ofSeconds(5), "cgroup_v1_disabled", "cgroup: Disabled controller 'memory'"),
            h.kernel(ofSeconds(6), "cgroup_v1_disabled", "cgroup: Disabled controller 'freezer'"),
            h.inventory(m(60), old.reclaim(null)),
            h.heartbeat(m(61))),
        new Outcome("cgroup-v1-disabled", RESOLVED));
  }

  /** The collector itself was frozen for 7 minutes: the whole VM stopped. */
  public static Scenario wholeVmFreezeReportedByTheCollector() {
    HostEvents h = new HostEvents("dev-kai");
    return scenario(
        "whole VM freeze reported by the collector",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.45.0")),
            h.heartbeat(m(12)),
            h.freeze(m(19).plus(ofSeconds(2)), m(12), m(19)),
            h.heartbeat(m(19).plus(ofSeconds(5)))),
        new Outcome("vm-freeze", RESOLVED));
  }

  /**
   * Docker Desktop 4.82 with dropcache: Resource Saver engages on WSL again, but no report ties it
   * to frozen distros, so the hang is not blamed on it.
   */
  public static Scenario resourceSaverUnderDropcacheWhereItEngagesAgain() {
    HostEvents h = new HostEvents("dev-lea");
    return scenario(
        "Resource Saver under dropcache on Docker Desktop 4.82 is not blamed",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.82.0")),
            h.entered(m(5)),
            h.hungTask(m(8), "apt-get", 4711, 122),
            h.exited(m(12)),
            h.heartbeat(m(13))),
        new Outcome("unexplained-hang", OPEN));
  }

  /**
   * docker/for-win#14827: on Docker Desktop 4.45 Resource Saver does not engage under WSL 2, so an
   * engine pause is a manual Pause; the distro hangs until it is resumed.
   */
  public static Scenario manualPauseOnDockerDesktopWithoutResourceSaver() {
    HostEvents h = new HostEvents("dev-mia");
    return scenario(
        "hang during a manual Pause on Docker Desktop 4.45",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.45.0")),
            h.entered(m(5)),
            h.hungTask(m(8), "apt-get", 4711, 122),
            h.exited(m(12)),
            h.heartbeat(m(13))),
        new Outcome("docker-paused", RESOLVED));
  }

  /** dropcache and no Resource Saver: nothing explains the hang. */
  public static Scenario hangWithoutResourceSaverUnderDropcache() {
    HostEvents h = new HostEvents("dev-bruno");
    return scenario(
        "hang with no Resource Saver under dropcache",
        List.of(
            h.inventory(m(0), HostEvents.machine().reclaim("dropcache").dockerDesktop("4.45.0")),
            h.aptStalled(m(3), m(1)),
            h.hungTask(m(3).plus(ofSeconds(40)), "dpkg", 30112, 122),
            h.aptRecovered(m(6), m(1)),
            h.heartbeat(m(7))),
        new Outcome("unexplained-hang", RESOLVED));
  }

  /** Resource Saver comes and goes while nothing runs: no incident at all. */
  public static Scenario resourceSaverWithoutAHang() {
    HostEvents h = new HostEvents("dev-chen");
    return new Scenario(
        "Resource Saver with no hang",
        List.of(
            h.inventory(m(0), HostEvents.machine()),
            h.entered(m(2)),
            h.heartbeat(m(3)),
            h.exited(m(8)),
            h.heartbeat(m(9))),
        List.of());
  }

  static Scenario scenario(String name, List<TelemetryEvent> events, Outcome outcome) {
    return new Scenario(name, events, List.of(outcome));
  }

  static Duration m(long minutes) {
    return ofMinutes(minutes);
  }
}
