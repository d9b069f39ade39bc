package dev.stallwatch.server.alerting;

import java.time.Duration;

/**
 * How hard a sink tries: attempts per payload, the first backoff (doubled after each failure, up to
 * {@code maxBackoff}) and how many payloads may wait per destination.
 */
public record RetryPolicy(
    int maxAttempts, Duration firstBackoff, Duration maxBackoff, int queueCapacity) {

  public static final RetryPolicy DEFAULTS =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 1000);

  public RetryPolicy {
    if (maxAttempts < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("attempts and queue capacity must be at least 1");
    }
  }

  /** The pause before attempt {@code n} (n >= 2): first, 2 x first, 4 x first, ... capped. */
  public Duration backoffBefore(int attempt) {
    int doublings = Math.min(attempt - 2, 30);
    Duration backoff = firstBackoff.multipliedBy(1L << doublings);
    return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
  }
}
