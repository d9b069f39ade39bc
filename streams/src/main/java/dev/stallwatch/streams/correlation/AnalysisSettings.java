package dev.stallwatch.streams.correlation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the analysis treats time.
 *
 * @param grace how late (in event time) an event may arrive and still be applied in order; events
 *     are held back this long, so incidents appear this much later
 * @param silenceAfter an active host that sends nothing for this long (wall clock) is silent
 * @param publishEvery the longest time (event time) between two publications of a host's state
 */
public record AnalysisSettings(Duration grace, Duration silenceAfter, Duration publishEvery) {

  public static final AnalysisSettings DEFAULTS =
      new AnalysisSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(1));

  public AnalysisSettings {
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(silenceAfter, "silenceAfter");
    Objects.requireNonNull(publishEvery, "publishEvery");
    if (grace.isNegative() || silenceAfter.isNegative() || publishEvery.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  public AnalysisSettings withGrace(Duration newGrace) {
    return new AnalysisSettings(newGrace, silenceAfter, publishEvery);
  }
}
