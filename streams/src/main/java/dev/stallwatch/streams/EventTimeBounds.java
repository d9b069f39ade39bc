package dev.stallwatch.streams;

import dev.stallwatch.streams.correlation.rules.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an event's time may lie from the analyzer's clock and still be correlated, and the
 * timestamps the analyzer's own records may carry.
 *
 * <p>A collector with a wrong clock (or a hostile one) must not decide the timestamps the analyzer
 * writes: Kafka brokers refuse a record stamped more than an hour ahead of their clock ({@code
 * log.message.timestamp.after.max.ms}) or before 1970, and under exactly-once one refused record
 * aborts the transaction, so the same input comes back forever. Events outside the bounds go to the
 * dead letters instead; what the analyzer forwards is kept inside them as a last guard.
 *
 * @param maxAhead the farthest an event may be ahead of the analyzer's clock; less than an hour
 * @param maxAge the oldest an event may be, e.g. after a laptop spooled its events for days
 */
public record EventTimeBounds(Duration maxAhead, Duration maxAge) {

  /** What a Kafka broker accepts ahead of its clock by default. */
  public static final Duration BROKER_MAX_AHEAD = Duration.ofHours(1);

  /** The oldest an event may be configured to be: far from 1970, even minus the longest span. */
  public static final Duration LONGEST_MAX_AGE = Duration.ofDays(365);

  public static final EventTimeBounds DEFAULTS =
      new EventTimeBounds(Duration.ofMinutes(10), Duration.ofDays(7));

  public EventTimeBounds {
    Objects.requireNonNull(maxAhead, "maxAhead");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAhead.isNegative() || maxAhead.compareTo(BROKER_MAX_AHEAD) >= 0) {
      throw new IllegalArgumentException(
          "the clock allowance ahead must be at least 0 and less than 1h (Kafka refuses records"
              + " more than 1h ahead of the broker), was "
              + Durations.format(maxAhead));
    }
    if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(LONGEST_MAX_AGE) > 0) {
      throw new IllegalArgumentException(
          "the oldest event age must be more than 0 and at most 365d, was "
              + Durations.format(maxAge));
    }
  }

  /** Why an event of time {@code ts} cannot be correlated at {@code now}, or empty if it can. */
  public Optional<String> violation(Instant ts, Instant now) {
    if (ts.isAfter(now.plus(maxAhead))) {
      return Optional.of(
          "event time %s is %s ahead of the analyzer's clock (%s); more than %s ahead is refused"
              .formatted(
                  ts, approximately(Duration.between(now, ts)), now, Durations.format(maxAhead)));
    }
    if (ts.isBefore(now.minus(maxAge))) {
      return Optional.of(
          "event time %s is %s before the analyzer's clock (%s); events older than %s are refused"
              .formatted(
                  ts, approximately(Duration.between(ts, now)), now, Durations.format(maxAge)));
    }
    return Optional.empty();
  }

  /**
   * The timestamp a record about {@code at} is written with: {@code at} itself while a broker
   * accepts it, else the nearest time it does accept.
   */
  public long outputTimestamp(Instant at, Instant now) {
    long latest = now.plus(maxAhead).toEpochMilli();
    return Math.max(0, Math.min(at.toEpochMilli(), latest));
  }

  /** A rough, readable size of a (possibly enormous) gap: {@code 3 days}, {@code 7974 years}. */
  static String approximately(Duration gap) {
    long seconds = gap.toSeconds();
    if (seconds >= 2 * 365 * 86_400L) {
      return seconds / (365 * 86_400L) + " years";
    }
    if (seconds >= 2 * 86_400L) {
      return seconds / 86_400L + " days";
    }
    if (seconds >= 2 * 3600L) {
      return seconds / 3600L + " hours";
    }
    if (seconds >= 120) {
      return seconds / 60 + " minutes";
    }
    return seconds + " seconds";
  }
}
