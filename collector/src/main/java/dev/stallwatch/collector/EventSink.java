package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;

/**
 * Where a collector's events go (Kafka, a test's memory, later a disk spool). Called from several
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

  /** Delivers what is still pending, then releases the sink's resources. */
  @Override
  void close();
}
