package dev.stallwatch.model.event;

import java.time.Duration;
import java.util.Objects;

/**
 * A Windows-side round trip into a distro ({@code wsl.exe -d NAME -e true}) under a timeout.
 *
 * @param latencyMillis round trip; null when it timed out or failed
 */
public record DistroProbe(
    Envelope envelope, String distro, ProbeStatus status, Long latencyMillis, String detail)
    implements TelemetryEvent {

  public DistroProbe {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(distro, "distro");
    Objects.requireNonNull(status, "status");
    EventBounds.requireDuration("latencyMillis", latencyMillis, Duration.ofMillis(1));
  }
}
