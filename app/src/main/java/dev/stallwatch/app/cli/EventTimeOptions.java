package dev.stallwatch.app.cli;

import dev.stallwatch.app.StartupException;
import dev.stallwatch.streams.EventTimeBounds;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How far from the analyzer's clock an event's time may be; the options of analyze and up. */
final class EventTimeOptions {

  @Option(
      names = "--max-clock-ahead",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = AnalysisOptions.DurationConverter.class,
      description =
          "Events dated further ahead of this machine's clock (a collector with a wrong clock) go"
              + " to stallwatch.deadletters; less than 1h, which Kafka itself refuses (default:"
              + " ${DEFAULT-VALUE}).")
  Duration maxAhead;

  @Option(
      names = "--max-event-age",
      paramLabel = "DURATION",
      defaultValue = "7d",
      converter = AnalysisOptions.DurationConverter.class,
      description =
          "Events older than this (by this machine's clock) go to stallwatch.deadletters; at most"
              + " 365d (default: ${DEFAULT-VALUE}).")
  Duration maxAge;

  EventTimeBounds bounds() throws StartupException {
    try {
      return new EventTimeBounds(maxAhead, maxAge);
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }
}
