package dev.stallwatch.streams;

import java.time.Instant;

/**
 * What an analyzer instance is doing, as {@code /healthz} and {@code up} report it.
 *
 * @param status {@code starting}, {@code rebalancing}, {@code running}, {@code failing} (Kafka
 *     Streams failed for good, or a stream thread failed within the last {@link
 *     HealthTracker#FAILING_WINDOW}: a restart loop stays visible) or {@code stopped}
 * @param state the Kafka Streams state, e.g. {@code RUNNING}
 * @param since when that state began
 * @param threadRestarts stream threads that failed and were replaced since start
 * @param recentRestarts of those, how many within the failing window
 * @param lastError the newest failure's message, or null
 * @param lastErrorAt when it happened, or null
 * @param deadLetters records sent to {@code stallwatch.deadletters} since start
 */
public record AnalyzerHealth(
    String status,
    String state,
    Instant since,
    int threadRestarts,
    int recentRestarts,
    String lastError,
    Instant lastErrorAt,
    long deadLetters) {

  public static final String STARTING = "starting";
  public static final String REBALANCING = "rebalancing";
  public static final String RUNNING = "running";
  public static final String FAILING = "failing";
  public static final String STOPPED = "stopped";

  /** Whether the instance correlates as it should. */
  public boolean healthy() {
    return status.equals(RUNNING);
  }
}
