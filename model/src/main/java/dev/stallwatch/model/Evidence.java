package dev.stallwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One event that supports an incident.
 *
 * @param eventId the telemetry event's id, to find it again
 * @param summary one human sentence about what the event says
 * @param line the raw log line, when the event came from one
 */
public record Evidence(String eventId, String type, Instant ts, String summary, String line) {

  public Evidence {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(summary, "summary");
  }
}
