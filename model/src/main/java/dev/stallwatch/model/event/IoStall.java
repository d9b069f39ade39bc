package dev.stallwatch.model.event;

import java.time.Duration;
import java.util.Objects;

/**
 * I/O that stopped making progress.
 *
 * @param subject the device ({@code sda}), the task ({@code apt-get:1234}) or the probed path
 * @param stalledMillis how long it has made no progress so far
 */
public record IoStall(
    Envelope envelope, Kind kind, String subject, long stalledMillis, String detail)
    implements TelemetryEvent {

  public enum Kind {
    /** In-flight requests with no completions in /proc/diskstats. */
    DISKSTATS,
    /** A task in uninterruptible sleep (state D) for longer than the threshold. */
    D_STATE,
    /** The collector's own timed read took too long or never returned. */
    PROBE
  }

  public IoStall {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(kind, "kind");
    EventBounds.requireDuration("stalledMillis", stalledMillis, Duration.ofMillis(1));
  }
}
