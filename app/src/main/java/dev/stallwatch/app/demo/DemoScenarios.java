package dev.stallwatch.app.demo;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulated team: timelines shaped like the public reports of these hangs (kb-facts), with
 * versions and settings of the kinds seen there. One host hangs under Resource Saver with {@code
 * gradual}, one under Resource Saver on cgroup v2 with an older Docker Desktop, one lags under
 * {@code gradual} with systemd, one hangs with no known cause, one finds Docker Desktop stuck after
 * Resource Saver, one logs failing reclaim writes, one freezes whole; the others stay healthy (one
 * of them at risk).
 */
final class DemoScenarios {

  /** Every script fits in this much simulated time. */
  static final Duration SPAN = Duration.ofMinutes(15);

  private DemoScenarios() {}

  static List<DemoHost> fleet() {
    return List.of(anna(), bruno(), chen(), dara(), emil(), fatima(), gus(), hana(), ivo(), kai());
  }

  /** gradual + Resource Saver: apt update freezes until Docker Desktop wakes up. */
  private static DemoHost anna() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.5.7.0", "6.6.87.2-microsoft-standard-WSL2", "gradual", "4.42.0"))
            .at("5:00", resourceSaver(ResourceSaver.State.ENTERED))
            .at(
                "7:10",
                aptStall(
                    "apt-get update",
                    AptStall.Phase.STALLED,
                    Duration.ofSeconds(90),
                    "0% [Waiting for headers]"))
            .at("7:45", hungTask("apt-get", 21874, 122))
            .at("9:30", resourceSaver(ResourceSaver.State.EXITED))
            .at(
                "9:32",
                aptStall(
                    "apt-get update",
                    AptStall.Phase.RECOVERED,
                    Duration.ofSeconds(232),
                    "Reading package lists... Done"));
    return new DemoHost("dev-anna", "hang during Resource Saver under gradual", script.events());
  }

  /** dropcache, Docker Desktop fixed: dpkg stalls anyway; nothing explains it. */
  private static DemoHost bruno() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.6.1.0", "6.6.87.2-microsoft-standard-WSL2", "dropcache", "4.45.0"))
            .at(
                "3:00",
                aptStall(
                    "apt-get upgrade -y",
                    AptStall.Phase.STALLED,
                    Duration.ofSeconds(90),
                    "Unpacking libc6:amd64 (2.39-0ubuntu8.4) over (2.39-0ubuntu8.3) ..."))
            .at("3:40", hungTask("dpkg", 30112, 122))
            .at(
                "6:00",
                aptStall(
                    "apt-get upgrade -y",
                    AptStall.Phase.RECOVERED,
                    Duration.ofSeconds(270),
                    "Setting up libc6:amd64 (2.39-0ubuntu8.4) ..."));
    return new DemoHost("dev-bruno", "hang with no Resource Saver", script.events());
  }

  /** gradual + Resource Saver, but nothing runs while Docker Desktop sleeps: no hang. */
  private static DemoHost chen() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.5.7.0", "6.6.87.2-microsoft-standard-WSL2", "gradual", "4.42.0"))
            .at("2:00", resourceSaver(ResourceSaver.State.ENTERED))
            .at("8:00", resourceSaver(ResourceSaver.State.EXITED));
    return new DemoHost("dev-chen", "Resource Saver with no hang", script.events());
  }

  private static DemoHost dara() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.6.1.0", "6.6.87.2-microsoft-standard-WSL2", "dropcache", "4.43.0"));
    return new DemoHost("dev-dara", "healthy", script.events());
  }

  private static DemoHost emil() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.4.11.0", "5.15.167.4-microsoft-standard-WSL2", null, "4.38.0"));
    return new DemoHost("dev-emil", "healthy", script.events());
  }

  /** cgroup v2 (WSL 2.5) and Docker Desktop 4.41: ls in a new terminal hangs in Resource Saver. */
  private static DemoHost fatima() {
    var script =
        new DemoHost.Script()
            .at("0:00", inventory("2.5.6.0", "6.6.87.1-microsoft-standard-WSL2", null, "4.41.2"))
            .at("1:00", resourceSaver(ResourceSaver.State.ENTERED))
            .at("4:10", hungTask("ls", 9127, 120))
            .at("12:00", resourceSaver(ResourceSaver.State.EXITED));
    return new DemoHost("dev-fatima", "hang during Resource Saver on cgroup v2", script.events());
  }

  /** gradual + systemd, Resource Saver off: apt update crawls after the distro sat idle. */
  private static DemoHost gus() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory(
                    "2.5.7.0", "6.6.87.2-microsoft-standard-WSL2", "gradual", "4.44.0", false))
            .at(
                "6:00",
                aptStall(
                    "sudo apt update",
                    AptStall.Phase.STALLED,
                    Duration.ofSeconds(75),
                    "0% [Working]"))
            .at(
                "9:30",
                aptStall(
                    "sudo apt update",
                    AptStall.Phase.RECOVERED,
                    Duration.ofSeconds(285),
                    "Reading package lists... Done"));
    return new DemoHost("dev-gus", "lag under gradual with systemd", script.events());
  }

  /** Docker Desktop logs its exit from Resource Saver, but the engine never answers again. */
  private static DemoHost hana() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.6.1.0", "6.6.87.2-microsoft-standard-WSL2", "dropcache", "4.44.0"))
            .at("2:00", resourceSaver(ResourceSaver.State.ENTERED))
            .at("2:00", engine(ProbeStatus.TIMEOUT))
            .at("6:00", resourceSaverLogged(ResourceSaver.State.EXITED))
            .at("11:00", engine(ProbeStatus.OK));
    return new DemoHost("dev-hana", "Resource Saver that does not recover", script.events());
  }

  /** gradual with sparseVhd: the kernel cannot reclaim and WSL logs EAGAIN. */
  private static DemoHost ivo() {
    String line =
        "WSL (1) ERROR: WriteToFile:83: write(/sys/fs/cgroup/memory.reclaim, 268435456) failed"
            + " -1 11";
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory(
                    "2.5.7.0", "6.6.87.2-microsoft-standard-WSL2", "gradual", "4.44.0", false))
            .at("4:00", reclaimFailed(line))
            .at("4:30", reclaimFailed(line));
    return new DemoHost("dev-ivo", "reclaim writes failing with EAGAIN", script.events());
  }

  /** The collector itself was frozen for four minutes: the whole VM stopped. */
  private static DemoHost kai() {
    var script =
        new DemoHost.Script()
            .at(
                "0:00",
                inventory("2.6.1.0", "6.6.87.2-microsoft-standard-WSL2", "dropcache", "4.45.0"))
            .at(
                "8:02",
                envelope ->
                    new Freeze(
                        envelope,
                        envelope.ts().minus(Duration.ofMinutes(4)),
                        envelope.ts().minusSeconds(2)));
    return new DemoHost("dev-kai", "whole VM freeze", script.events());
  }

  private static Function<Envelope, TelemetryEvent> inventory(
      String wsl, String kernel, String reclaim, String dockerDesktop) {
    return inventory(wsl, kernel, reclaim, dockerDesktop, true);
  }

  private static Function<Envelope, TelemetryEvent> inventory(
      String wsl, String kernel, String reclaim, String dockerDesktop, boolean resourceSaver) {
    Map<String, String> wslconfig = new LinkedHashMap<>();
    wslconfig.put("wsl2.memory", "16GB");
    if (reclaim != null) {
      wslconfig.put("experimental.automemoryreclaim", reclaim);
    }
    // WSL 2.5.1 removed cgroup v1; the older hosts here run the hybrid layout.
    boolean v2Only = !wsl.startsWith("2.4.");
    return envelope ->
        new Inventory(
            envelope,
            wsl,
            kernel,
            "10.0.26100.4061",
            "Ubuntu-24.04",
            true,
            v2Only ? CgroupLayout.V2 : CgroupLayout.HYBRID,
            v2Only,
            v2Only,
            reclaim,
            wslconfig,
            dockerDesktop,
            resourceSaver,
            300);
  }

  private static Function<Envelope, TelemetryEvent> resourceSaver(ResourceSaver.State state) {
    String evidence =
        state == ResourceSaver.State.ENTERED
            ? "engine /_ping: context deadline exceeded (3 probes in a row)"
            : "engine /_ping answered in 4 ms (3 probes in a row)";
    return envelope ->
        new ResourceSaver(envelope, state, ResourceSaver.SeenVia.ENGINE_PROBE, evidence);
  }

  private static Function<Envelope, TelemetryEvent> resourceSaverLogged(ResourceSaver.State state) {
    String line = "[2026-01-01T00:00:00.000000000Z][com.docker.backend.idle][I] resource saver off";
    return envelope -> new ResourceSaver(envelope, state, ResourceSaver.SeenVia.LOG_PATTERN, line);
  }

  private static Function<Envelope, TelemetryEvent> engine(ProbeStatus status) {
    return envelope ->
        new EngineProbe(
            envelope,
            status,
            status == ProbeStatus.OK ? 6L : null,
            status == ProbeStatus.OK ? null : "HEAD /_ping: context deadline exceeded");
  }

  /** A failed memory.reclaim write as the collector reports it from the kernel log. */
  private static Function<Envelope, TelemetryEvent> reclaimFailed(String line) {
    return envelope ->
        new Reclaim(envelope, 268_435_456L, Reclaim.InferredFrom.KERNEL_LOG, line, Reclaim.EAGAIN);
  }

  private static Function<Envelope, TelemetryEvent> hungTask(String comm, int pid, long seconds) {
    return envelope ->
        new HungTask(
            envelope,
            comm,
            pid,
            seconds,
            "INFO: task %s:%d blocked for more than %d seconds.".formatted(comm, pid, seconds));
  }

  private static Function<Envelope, TelemetryEvent> aptStall(
      String commandline, AptStall.Phase phase, Duration sinceProgress, String lastLine) {
    return envelope ->
        new AptStall(
            envelope,
            phase,
            commandline,
            envelope.ts().minus(sinceProgress),
            sinceProgress.toSeconds(),
            lastLine);
  }
}
