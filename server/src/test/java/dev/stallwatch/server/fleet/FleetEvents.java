package dev.stallwatch.server.fleet;

import dev.stallwatch.model.event.EngineProbe;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.Pressure;
import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.ResourceSaver;
import java.time.Instant;
import java.util.Map;

/** Telemetry of one host as its collector sends it, at explicit times. */
public final class FleetEvents {

  private FleetEvents() {}

  private static Envelope at(String host, Instant ts) {
    return new Envelope(Envelope.CURRENT_VERSION, host, ts, 1, "e-" + ts.toEpochMilli());
  }

  /** A meminfo sample: available memory and page cache, in MiB. */
  public static Memory memory(String host, Instant ts, long availableMib, long cachedMib) {
    return new Memory(
        at(host, ts),
        16L * 1024 * 1024,
        null,
        availableMib * 1024,
        null,
        cachedMib * 1024,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }

  public static Pressure ioPressure(String host, Instant ts, double avg10) {
    return new Pressure(
        at(host, ts),
        Pressure.Resource.IO,
        new Pressure.Stall(avg10, avg10, avg10, 1000, null),
        new Pressure.Stall(avg10 / 2, 0, 0, 500, null));
  }

  public static Pressure cpuPressure(String host, Instant ts, double avg10) {
    return new Pressure(
        at(host, ts), Pressure.Resource.CPU, new Pressure.Stall(avg10, 0, 0, 1, null), null);
  }

  public static ResourceSaver resourceSaver(String host, Instant ts, ResourceSaver.State state) {
    return new ResourceSaver(
        at(host, ts), state, ResourceSaver.SeenVia.ENGINE_PROBE, "engine /_ping timed out 3 times");
  }

  public static EngineProbe engine(String host, Instant ts, ProbeStatus status) {
    return new EngineProbe(
        at(host, ts), status, status == ProbeStatus.OK ? 3L : null, "context deadline exceeded");
  }

  public static HungTask hungTask(String host, Instant ts) {
    return new HungTask(
        at(host, ts),
        "apt-get",
        4711,
        122,
        "INFO: task apt-get:4711 blocked for more than 122 seconds.");
  }

  public static Reclaim reclaim(String host, Instant ts, String line) {
    return new Reclaim(at(host, ts), 64L * 1024 * 1024, Reclaim.InferredFrom.KERNEL_LOG, line);
  }
}
