package dev.stallwatch.server.progress;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Logs that Kafka's offsets cannot be read: a warning at the first failed sample, then at most one
 * per period while failures go on (a sample every few seconds would otherwise flood the log), and a
 * line when they can be read again. Used on the sampling thread only.
 */
final class OutageLog {

  private final Logger log;
  private final long periodNanos;
  private long failuresSinceWarning;
  private long lastWarningNanos;
  private boolean failing;

  OutageLog(Logger log, Duration period) {
    this.log = log;
    this.periodNanos = period.toNanos();
  }

  void failed(String reason, long nowNanos) {
    if (failing && nowNanos - lastWarningNanos < periodNanos) {
      failuresSinceWarning++;
      return;
    }
    String held =
        failuresSinceWarning == 0
            ? ""
            : " (%d more failed samples since the last warning)".formatted(failuresSinceWarning);
    log.warn(
        "cannot read Kafka's offsets: /metrics shows events in and lag as of the last sample"
            + " ({}){}",
        reason,
        held);
    failing = true;
    failuresSinceWarning = 0;
    lastWarningNanos = nowNanos;
  }

  void succeeded() {
    if (failing) {
      log.info("reading Kafka's offsets again: events in and lag in /metrics are current");
    }
    failing = false;
    failuresSinceWarning = 0;
  }
}
