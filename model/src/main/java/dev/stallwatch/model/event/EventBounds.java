package dev.stallwatch.model.event;

import java.time.Duration;
import java.time.Instant;

/**
 * The ranges an event's times and durations must keep. A value outside them comes from a broken
 * clock or a hostile sender, not from a machine that hung, and would push derived times (a hang's
 * onset, an incident's timestamps) outside what Kafka and the analysis can handle.
 */
public final class EventBounds {

  /**
   * The longest duration a field may hold, and the farthest a payload time may lie from the
   * envelope's {@code ts}. The kernel gives up reporting a hung task long before that.
   */
  public static final Duration MAX_SPAN = Duration.ofDays(30);

  private EventBounds() {}

  /** Checks that {@code amount} units (seconds or millis) is a duration between 0 and the span. */
  static void requireDuration(String field, long amount, Duration unit) {
    long max = MAX_SPAN.dividedBy(unit);
    if (amount < 0 || amount > max) {
      throw new IllegalArgumentException(
          "%s must be between 0 and %d (%d days), was %d"
              .formatted(field, max, MAX_SPAN.toDays(), amount));
    }
  }

  /** The same for a nullable duration. */
  static void requireDuration(String field, Long amount, Duration unit) {
    if (amount != null) {
      requireDuration(field, amount.longValue(), unit);
    }
  }

  /** Checks that a payload time lies within the span of the event's own time. */
  static void requireNear(String field, Instant value, Instant ts) {
    if (value != null && ts != null && Duration.between(value, ts).abs().compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException(
          "%s %s is more than %d days from the event time %s"
              .formatted(field, value, MAX_SPAN.toDays(), ts));
    }
  }

  /** Checks a count that cannot be negative. */
  static void requireNotNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
  }
}
