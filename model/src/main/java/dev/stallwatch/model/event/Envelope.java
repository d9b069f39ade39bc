package dev.stallwatch.model.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields every telemetry record carries on the wire besides its type.
 *
 * @param v schema version of the event's payload; readers accept any version they know
 * @param host the stable id of the machine that observed the event; also the record key
 * @param ts event time: when it happened on the host, not when it was sent
 * @param seq the collector's own counter; a gap means the collector lost events
 * @param id unique per event, so that redelivery is idempotent downstream
 */
public record Envelope(int v, String host, Instant ts, long seq, String id) {

  public static final int CURRENT_VERSION = 1;

  public Envelope {
    if (v < 1) {
      throw new IllegalArgumentException("v must be at least 1, was " + v);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    Objects.requireNonNull(ts, "ts");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, was " + seq);
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be empty");
    }
  }

  /** A new envelope of the current version with a random id. */
  public static Envelope of(String host, Instant ts, long seq) {
    return new Envelope(CURRENT_VERSION, host, ts, seq, UUID.randomUUID().toString());
  }
}
