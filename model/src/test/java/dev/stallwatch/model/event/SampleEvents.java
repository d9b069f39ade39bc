package dev.stallwatch.model.event;

import dev.stallwatch.model.CgroupLayout;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One realistic event of every wire type, as the golden files show them. */
final class SampleEvents {

  static final String HOST = "dev-laptop-07";

  private SampleEvents() {}

  static Envelope envelope(String ts, long seq, String id) {
    return new Envelope(1, HOST, Instant.parse(ts), seq, id);
  }

  static Map<String, TelemetryEvent> byType() {
    Map<String, TelemetryEvent> events = new LinkedHashMap<>();
    events.put("inventory", inventory());
    events.put("resource_saver", resourceSaver());
    events.put("engine_probe", engineProbe());
    events.put("reclaim", reclaim());
    events.put("memory", memory());
    events.put("pressure", pressure());
    events.put("io_stall", ioStall());
    events.put("hung_task", hungTask());
    events.put("kernel_log", kernelLog());
    events.put("apt_stall", aptStall());
    events.put("freeze", freeze());
    events.put("heartbeat", heartbeat());
    events.put("distro_probe", distroProbe());
    events.put("docker_cli", dockerCli());
    return events;
  }

  private static TelemetryEvent inventory() {
    return new Inventory(
        envelope("2026-11-20T09:00:00Z", 1, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a01"),
        "2.5.7.0",
        "6.6.87.2-microsoft-standard-WSL2",
        "10.0.26100.4061",
        "Ubuntu-24.04",
        true,
        CgroupLayout.V2,
        true,
        true,
        "gradual",
        Map.of("experimental.automemoryreclaim", "gradual", "wsl2.memory", "16GB"),
        "4.42.0",
        true,
        300,
        true);
  }

  private static TelemetryEvent resourceSaver() {
    return new ResourceSaver(
        envelope("2026-11-20T09:05:00Z", 2, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a02"),
        ResourceSaver.State.ENTERED,
        ResourceSaver.SeenVia.ENGINE_PROBE,
        "engine /_ping timed out 3 times in a row");
  }

  private static TelemetryEvent engineProbe() {
    return new EngineProbe(
        envelope("2026-11-20T09:05:00Z", 3, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a03"),
        ProbeStatus.TIMEOUT,
        null,
        "HEAD /_ping: context deadline exceeded",
        List.of(new EngineProbe.WaitingClient("docker", 2204, 45)));
  }

  private static TelemetryEvent reclaim() {
    return new Reclaim(
        envelope("2026-11-20T09:05:20Z", 4, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a04"),
        4096L,
        Reclaim.InferredFrom.KERNEL_LOG,
        "WSL (1) ERROR: WriteToFile:105: write(/sys/fs/cgroup/memory.reclaim, 4096) failed -1"
            + " 11",
        Reclaim.EAGAIN);
  }

  private static TelemetryEvent memory() {
    return new Memory(
        envelope("2026-11-20T09:05:30Z", 5, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a05"),
        16318792L,
        9824736L,
        14712448L,
        120484L,
        4512236L,
        1236L,
        0L,
        4194304L,
        4194304L,
        3196L,
        412908L,
        2361344000L,
        Map.of("anon", 1203900416L, "file", 1003347968L));
  }

  private static TelemetryEvent pressure() {
    return new Pressure(
        envelope("2026-11-20T09:05:30Z", 6, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a06"),
        Pressure.Resource.IO,
        new Pressure.Stall(12.5, 4.02, 1.1, 73019321, 1500000L),
        new Pressure.Stall(11.9, 3.88, 1.0, 70111894, 1480000L));
  }

  private static TelemetryEvent ioStall() {
    return new IoStall(
        envelope("2026-11-20T09:06:10Z", 7, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a07"),
        IoStall.Kind.DISKSTATS,
        "sdc",
        45000,
        "3 requests in flight, no completions for 45 s");
  }

  private static TelemetryEvent hungTask() {
    return new HungTask(
        envelope("2026-11-20T09:08:05Z", 8, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a08"),
        "apt-get",
        4711,
        122,
        "INFO: task apt-get:4711 blocked for more than 122 seconds.");
  }

  private static TelemetryEvent kernelLog() {
    return new KernelLog(
        envelope("2026-11-20T09:08:05Z", 9, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a09"),
        "rcu-stall",
        "rcu: INFO: rcu_sched detected stalls on CPUs/tasks:",
        3);
  }

  private static TelemetryEvent aptStall() {
    return new AptStall(
        envelope("2026-11-20T09:07:30Z", 10, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a10"),
        AptStall.Phase.STALLED,
        "apt-get update",
        Instant.parse("2026-11-20T09:06:00Z"),
        90,
        "Reading package lists...");
  }

  private static TelemetryEvent freeze() {
    return new Freeze(
        envelope("2026-11-20T09:12:01Z", 11, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a11"),
        Instant.parse("2026-11-20T09:06:00Z"),
        Instant.parse("2026-11-20T09:12:00Z"),
        359_870L);
  }

  private static TelemetryEvent heartbeat() {
    return new Heartbeat(
        envelope("2026-11-20T09:12:05Z", 12, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a12"),
        Map.of(
            "memory",
            new Heartbeat.SourceHealth(Heartbeat.SourceHealth.Status.OK, null),
            "pressure",
            new Heartbeat.SourceHealth(Heartbeat.SourceHealth.Status.ABSENT, null)),
        0,
        0);
  }

  private static TelemetryEvent distroProbe() {
    return new DistroProbe(
        envelope("2026-11-20T09:06:30Z", 13, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a13"),
        "Ubuntu-24.04",
        ProbeStatus.TIMEOUT,
        null,
        "wsl.exe -d Ubuntu-24.04 -e true did not return within 10 s");
  }

  private static TelemetryEvent dockerCli() {
    return new DockerCli(
        envelope("2026-11-20T09:05:10Z", 14, "0b8e2f0e-3c1a-4f57-9a39-6f1f7d3f5a14"),
        DockerCli.State.MISSING,
        "/usr/bin/docker",
        "link to /mnt/wsl/docker-desktop/cli-tools/usr/bin/docker does not resolve");
  }

  static List<String> typeNames() {
    return List.copyOf(byType().keySet());
  }
}
