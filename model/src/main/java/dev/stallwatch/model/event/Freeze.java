package dev.stallwatch.model.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The collector itself was frozen: its scheduler woke at {@code to} for a tick due at {@code from}.
 * Sent once the process runs again, so its envelope time is {@code to} or later.
 */
public record Freeze(Envelope envelope, Instant from, Instant to) implements TelemetryEvent {

  public Freeze {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("freeze ends before it starts");
    }
    EventBounds.requireNear("from", from, envelope.ts());
    EventBounds.requireNear("to", to, envelope.ts());
  }

  public Duration duration() {
    return Duration.between(from, to);
  }
}
