package dev.stallwatch.model.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An apt or dpkg run that made no progress, or its recovery.
 *
 * @param lastProgress when the run last printed or advanced; the hang's onset
 * @param stalledSeconds how long it made no progress when this was sent
 */
public record AptStall(
    Envelope envelope,
    Phase phase,
    String commandline,
    Instant lastProgress,
    long stalledSeconds,
    String lastLine)
    implements TelemetryEvent {

  public enum Phase {
    STALLED,
    RECOVERED
  }

  public AptStall {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(lastProgress, "lastProgress");
    EventBounds.requireDuration("stalledSeconds", stalledSeconds, Duration.ofSeconds(1));
    EventBounds.requireNear("lastProgress", lastProgress, envelope.ts());
  }
}
