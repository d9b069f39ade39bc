package dev.stallwatch.model.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The collector itself was frozen: its scheduler woke at {@code to} for a tick due at {@code from}.
 * Sent once the process runs again, so its envelope time is {@code to} or later.
 *
 * <p>{@code from} and {@code to} are wall-clock times. {@code monotonicMillis} is how far the
 * monotonic clock moved over the same span. A process stopped by the cgroup freezer sees both
 * clocks advance alike; a guest whose whole VM was suspended (the PC slept) sees the wall clock
 * jump when it is resynchronised while its monotonic clock barely moved. Null when unknown (older
 * collectors).
 */
public record Freeze(Envelope envelope, Instant from, Instant to, Long monotonicMillis)
    implements TelemetryEvent {

  public Freeze {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("freeze ends before it starts");
    }
    EventBounds.requireNear("from", from, envelope.ts());
    EventBounds.requireNear("to", to, envelope.ts());
    EventBounds.requireDuration("monotonicMillis", monotonicMillis, Duration.ofMillis(1));
  }

  /** A freeze reported without the monotonic clock's view. */
  public Freeze(Envelope envelope, Instant from, Instant to) {
    this(envelope, from, to, null);
  }

  /**
   * How much of the gap the monotonic clock did not see: the time the whole guest was suspended
   * rather than the collector stopped. Zero when both clocks agree or the monotonic view is absent.
   */
  public Duration unseenByMonotonicClock() {
    if (monotonicMillis == null) {
      return Duration.ZERO;
    }
    Duration unseen = duration().minusMillis(monotonicMillis);
    return unseen.isNegative() ? Duration.ZERO : unseen;
  }

  public Duration duration() {
    return Duration.between(from, to);
  }
}
