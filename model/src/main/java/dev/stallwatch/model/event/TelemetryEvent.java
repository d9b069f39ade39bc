package dev.stallwatch.model.event;

import java.time.Instant;

/**
 * One observation a collector sends on {@code stallwatch.telemetry}. Each permitted record is one
 * wire type; {@link EventTypes} maps them to their stable short names.
 */
public sealed interface TelemetryEvent
    permits Inventory,
        ResourceSaver,
        EngineProbe,
        Reclaim,
        Memory,
        Pressure,
        IoStall,
        HungTask,
        KernelLog,
        AptStall,
        Freeze,
        Heartbeat,
        DistroProbe,
        DockerCli {

  Envelope envelope();

  default String type() {
    return EventTypes.nameOf(getClass());
  }

  default String host() {
    return envelope().host();
  }

  default Instant ts() {
    return envelope().ts();
  }

  default String id() {
    return envelope().id();
  }
}
