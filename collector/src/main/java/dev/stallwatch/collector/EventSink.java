package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;

/**
 * Where a collector's events go (Kafka, a test's memory, the disk spool). Called from several
 * sampling threads at once, so implementations must be thread-safe; {@link #emit} must not block
 * for long, since a blocked emit delays sampling.
 */
public interface EventSink extends AutoCloseable {

  /** Hands one event over for delivery; failures are counted, not thrown. */
  void emit(TelemetryEvent event);

  /** Events that were handed over but could not be delivered; 0 for sinks that cannot lose any. */
  default long failedCount() {
    return 0;
  }

  /**
   * Runs {@code action} once every event emitted before this call has been delivered (for Kafka:
   * acknowledged by the broker). Tail checkpoints are saved this way. Sinks that deliver at once
   * run it at once.
   */
  default void afterDelivery(Runnable action) {
    action.run();
  }

  /**
   * The {@code seq} the collector should start counting at: one after the highest this sink ever
   * took, so a restart leaves no gap; 0 for sinks that keep nothing.
   */
  default long resumeSeq() {
    return 0;
  }

  /** Events waiting for delivery on disk; 0 for sinks without a spool. */
  default long spoolDepth() {
    return 0;
  }

  /** Delivers what is still pending, then releases the sink's resources. */
  @Override
  void close();
}
