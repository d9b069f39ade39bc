package dev.stallwatch.streams;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.DistroProbe;
import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds one host's events at explicit times, as its collector would send them. Times are offsets
 * from a fixed base so scenarios read like a timeline ("at 5 min, Resource Saver entered").
 */
public final class HostEvents {

  public static final Instant BASE = Instant.parse("2026-11-20T09:00:00Z");

  private final String host;
  private long seq;

  public HostEvents(String host) {
    this.host = host;
  }

  public String host() {
    return host;
  }

  public static Instant at(Duration offset) {
    return BASE.plus(offset);
  }

  /** What a host is; change one fact at a time from {@link #machine()}. */
  public record Machine(
      String wsl,
      String dockerDesktop,
      String reclaim,
      CgroupLayout layout,
      boolean systemd,
      Boolean resourceSaver) {

    public Machine reclaim(String value) {
      return new Machine(wsl, dockerDesktop, value, layout, systemd, resourceSaver);
    }

    public Machine dockerDesktop(String value) {
      return new Machine(wsl, value, reclaim, layout, systemd, resourceSaver);
    }

    public Machine wsl(String value, CgroupLayout newLayout) {
      return new Machine(value, dockerDesktop, reclaim, newLayout, systemd, resourceSaver);
    }

    public Machine systemd(boolean value) {
      return new Machine(wsl, dockerDesktop, reclaim, layout, value, resourceSaver);
    }

    public Machine resourceSaver(Boolean value) {
      return new Machine(wsl, dockerDesktop, reclaim, layout, systemd, value);
    }
  }

  /** WSL 2.5.7 on cgroup v2 with systemd, Docker Desktop 4.42.0, gradual, Resource Saver on. */
  public static Machine machine() {
    return new Machine("2.5.7.0", "4.42.0", "gradual", CgroupLayout.V2, true, true);
  }

  public Inventory inventory(Duration offset, String autoMemoryReclaim, String dockerDesktop) {
    return inventory(offset, machine().reclaim(autoMemoryReclaim).dockerDesktop(dockerDesktop));
  }

  public Inventory inventory(Duration offset, Machine m) {
    return inventory(offset, m, null);
  }

  /** The inventory of a collector that also sends the machine's name. */
  public Inventory inventory(Duration offset, Machine m, String hostName) {
    return new Inventory(
        envelope(offset),
        m.wsl(),
        "6.6.87.2-microsoft-standard-WSL2",
        "10.0.26100.4061",
        "Ubuntu-24.04",
        m.systemd(),
        m.layout(),
        m.layout() == CgroupLayout.V2,
        m.layout() == CgroupLayout.V2,
        m.reclaim(),
        m.reclaim() == null ? Map.of() : Map.of("experimental.automemoryreclaim", m.reclaim()),
        m.dockerDesktop(),
        m.resourceSaver(),
        300,
        null,
        hostName);
  }

  /**
   * An inventory that says only the machine's name, as a collector that could read nothing else.
   */
  public Inventory nameOnly(Duration offset, String hostName) {
    return new Inventory(
        envelope(offset),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        null,
        null,
        null,
        null,
        hostName);
  }

  public ResourceSaver entered(Duration offset) {
    return new ResourceSaver(
        envelope(offset),
        ResourceSaver.State.ENTERED,
        ResourceSaver.SeenVia.ENGINE_PROBE,
        "engine /_ping timed out 3 times in a row");
  }

  public ResourceSaver exited(Duration offset) {
    return new ResourceSaver(
        envelope(offset),
        ResourceSaver.State.EXITED,
        ResourceSaver.SeenVia.LOG_PATTERN,
        "[2026-11-20T09:12:00.000000000Z][com.docker.backend.idle][I] resource saver: exiting");
  }

  /** The kernel's report at {@code offset} of a task blocked for {@code blockedSeconds}. */
  public HungTask hungTask(Duration offset, String comm, int pid, long blockedSeconds) {
    return new HungTask(
        envelope(offset),
        comm,
        pid,
        blockedSeconds,
        "INFO: task %s:%d blocked for more than %d seconds.".formatted(comm, pid, blockedSeconds));
  }

  public AptStall aptStalled(Duration offset, Duration lastProgress) {
    long stalled = offset.minus(lastProgress).toSeconds();
    return new AptStall(
        envelope(offset),
        AptStall.Phase.STALLED,
        "apt-get update",
        at(lastProgress),
        stalled,
        "Reading package lists...");
  }

  public AptStall aptRecovered(Duration offset, Duration lastProgress) {
    return new AptStall(
        envelope(offset),
        AptStall.Phase.RECOVERED,
        "apt-get update",
        at(lastProgress),
        offset.minus(lastProgress).toSeconds(),
        "Reading package lists... Done");
  }

  public KernelLog kernel(Duration offset, String rule, String line) {
    return new KernelLog(envelope(offset), rule, line, 3);
  }

  /** The engine still does not answer, and a docker command started since has waited for it. */
  public EngineProbe dockerWaiting(Duration offset, String comm, int pid, long waitedSeconds) {
    return new EngineProbe(
        envelope(offset),
        ProbeStatus.TIMEOUT,
        null,
        "%s (pid %d) has waited %d s for an engine that does not answer"
            .formatted(comm, pid, waitedSeconds),
        List.of(new EngineProbe.WaitingClient(comm, pid, waitedSeconds)));
  }

  public EngineProbe engine(Duration offset, ProbeStatus status) {
    return new EngineProbe(
        envelope(offset),
        status,
        status == ProbeStatus.OK ? 4L : null,
        status == ProbeStatus.OK ? null : "HEAD /_ping: context deadline exceeded");
  }

  /** WSL's kernel log line for a memory.reclaim write that failed, as the collector reads it. */
  public Reclaim reclaimFailed(Duration offset, String line) {
    return new Reclaim(
        envelope(offset), 268_435_456L, Reclaim.InferredFrom.KERNEL_LOG, line, Reclaim.EAGAIN);
  }

  public Reclaim reclaim(Duration offset) {
    return new Reclaim(envelope(offset), 268_435_456L, Reclaim.InferredFrom.CGROUP_DELTA, null);
  }

  public Freeze freeze(Duration offset, Duration from, Duration to) {
    return new Freeze(envelope(offset), at(from), at(to));
  }

  /**
   * The collector's report of a gap its monotonic clock did not see: the guest was suspended (the
   * PC slept) from {@code from} to {@code to}, and the monotonic clock moved 2 s of it.
   */
  public Freeze suspended(Duration offset, Duration from, Duration to) {
    return new Freeze(envelope(offset), at(from), at(to), 2_000L);
  }

  /** A freeze both clocks saw: the collector's process was stopped (cgroup freezer). */
  public Freeze frozen(Duration offset, Duration from, Duration to) {
    return new Freeze(envelope(offset), at(from), at(to), to.minus(from).toMillis());
  }

  /** The Windows side's {@code wsl.exe -d Ubuntu-24.04 -e true} round trip. */
  public DistroProbe distroProbe(Duration offset, ProbeStatus status, String detail) {
    return new DistroProbe(
        envelope(offset), "Ubuntu-24.04", status, status == ProbeStatus.OK ? 180L : null, detail);
  }

  public DockerCli dockerCli(Duration offset, DockerCli.State state) {
    return new DockerCli(
        envelope(offset),
        state,
        "/usr/bin/docker",
        state == DockerCli.State.MISSING
            ? "-bash: /usr/bin/docker: No such file or directory"
            : "-> /mnt/wsl/docker-desktop/cli-tools/usr/bin/docker");
  }

  public IoStall ioStall(Duration offset, long stalledSeconds) {
    return new IoStall(
        envelope(offset),
        IoStall.Kind.DISKSTATS,
        "sdc",
        stalledSeconds * 1000,
        "sdc: 14 requests in flight, no completion for %d s".formatted(stalledSeconds));
  }

  /** An inventory that also lists how Docker Desktop's backend API answered. */
  public Inventory inventoryWithBackendApi(
      Duration offset, Machine m, Map<String, String> backendApi) {
    Inventory plain = inventory(offset, m);
    return new Inventory(
        plain.envelope(),
        plain.wslVersion(),
        plain.kernelVersion(),
        plain.windowsVersion(),
        plain.distro(),
        plain.systemd(),
        plain.cgroupLayout(),
        plain.cgroupV1Disabled(),
        plain.memoryReclaimPresent(),
        plain.autoMemoryReclaim(),
        plain.wslconfig(),
        plain.dockerDesktopVersion(),
        plain.resourceSaverEnabled(),
        plain.autoPauseTimeoutSeconds(),
        plain.autoMemoryReclaimRecognized(),
        plain.hostName(),
        backendApi);
  }

  public Heartbeat heartbeat(Duration offset) {
    return new Heartbeat(envelope(offset), Map.of(), 0, 0);
  }

  /** The Windows-side collector's heartbeat: it runs the distro probes. */
  public Heartbeat windowsHeartbeat(Duration offset) {
    return new Heartbeat(
        envelope(offset),
        Map.of("distros", new Heartbeat.SourceHealth(Heartbeat.SourceHealth.Status.OK, null)),
        0,
        0);
  }

  private Envelope envelope(Duration offset) {
    seq++;
    return new Envelope(1, host, at(offset), seq, host + "-" + seq);
  }
}
