package dev.stallwatch.collector;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a collector samples.
 *
 * @param sampleInterval between two samples of a polled source, and before a failed streaming
 *     source is restarted
 * @param heartbeatInterval between two heartbeats
 */
public record CollectorSettings(Duration sampleInterval, Duration heartbeatInterval) {

  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  public CollectorSettings {
    requirePositive(sampleInterval, "sampleInterval");
    requirePositive(heartbeatInterval, "heartbeatInterval");
  }

  /** Samples every 5 seconds, a heartbeat every 10. */
  public static CollectorSettings defaults() {
    return new CollectorSettings(DEFAULT_SAMPLE_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
