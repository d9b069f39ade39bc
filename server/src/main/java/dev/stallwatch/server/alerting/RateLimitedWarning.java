package dev.stallwatch.server.alerting;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * A WARN at most once per period: an unreachable receiver would otherwise log every re-send. The
 * first warning after a quiet period says how many were held back.
 */
final class RateLimitedWarning {

  private final Logger log;
  private final long periodNanos;
  private long lastNanos;
  private boolean any;
  private long suppressed;

  RateLimitedWarning(Logger log, Duration period) {
    this.log = log;
    this.periodNanos = period.toNanos();
  }

  synchronized void warn(String format, Object... args) {
    long now = System.nanoTime();
    if (any && now - lastNanos < periodNanos) {
      suppressed++;
      return;
    }
    String held = suppressed == 0 ? "" : " (%d similar warnings held back)".formatted(suppressed);
    log.warn(format + held, args);
    any = true;
    lastNanos = now;
    suppressed = 0;
  }
}
