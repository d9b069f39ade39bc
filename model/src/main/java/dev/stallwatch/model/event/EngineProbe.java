package dev.stallwatch.model.event;

import java.util.Objects;

/**
 * A {@code /_ping} of the Docker engine socket, reported when its state changes.
 *
 * @param latencyMillis round trip of the probe; null when it timed out or failed
 */
public record EngineProbe(Envelope envelope, ProbeStatus status, Long latencyMillis, String detail)
    implements TelemetryEvent {

  public EngineProbe {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(status, "status");
  }
}
