package dev.stallwatch.model.event;

import java.util.Map;
import java.util.Objects;

/**
 * The collector is alive.
 *
 * @param sources health of each source by name
 * @param spoolDepth events waiting on disk for Kafka
 * @param dropped events dropped so far because the spool was full
 */
public record Heartbeat(
    Envelope envelope, Map<String, SourceHealth> sources, long spoolDepth, long dropped)
    implements TelemetryEvent {

  /**
   * @param error the last failure, null when the source works or has nothing to read
   */
  public record SourceHealth(Status status, String error) {

    public enum Status {
      OK,
      /** The source has nothing to read on this machine (e.g. PSI absent); not an error. */
      ABSENT,
      FAILING
    }
  }

  public Heartbeat {
    Objects.requireNonNull(envelope, "envelope");
    EventBounds.requireNotNegative("spoolDepth", spoolDepth);
    EventBounds.requireNotNegative("dropped", dropped);
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }
}
