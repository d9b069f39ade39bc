package dev.stallwatch.collector;

import dev.stallwatch.model.event.Heartbeat.SourceHealth;
import dev.stallwatch.model.event.Heartbeat.SourceHealth.Status;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the outcome of each run of a source on the {@link SourceHealthBoard} for the next heartbeat,
 * and logs it with the source's name and how long the run took: every failure, but a source that is
 * absent or works again only when its status changes, so a healthy or missing source stays quiet.
 */
final class SourceHealthReporter {

  // Logged under the collector's name: these lines are how operators follow its sources.
  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  private final SourceHealthBoard health;
  private final BooleanSupplier stopping;

  /**
   * @param stopping whether the collector is stopping, when successes and failures go unreported
   */
  SourceHealthReporter(SourceHealthBoard health, BooleanSupplier stopping) {
    this.health = Objects.requireNonNull(health, "health");
    this.stopping = Objects.requireNonNull(stopping, "stopping");
  }

  /** The source ran (or opened) without error. */
  void succeeded(String source, long startNanos) {
    report(source, Status.OK, null, startNanos);
  }

  /**
   * The source failed, or found nothing to read when the error is a {@link SourceAbsentException}.
   */
  void failed(String source, Exception error, long startNanos) {
    Status status = error instanceof SourceAbsentException ? Status.ABSENT : Status.FAILING;
    report(source, status, error, startNanos);
  }

  /**
   * An Error ends the source's schedule without a word from the scheduler, so it is said here, even
   * while stopping.
   */
  void stoppedBy(String source, Error error) {
    LOG.error("source {} stopped by {}", source, error.toString());
    health.set(source, Status.FAILING, describe(error));
  }

  private void report(String source, Status status, Exception error, long startNanos) {
    if (stopping.getAsBoolean()) {
      // Failures while stopping (an interrupted read) say nothing about the source.
      return;
    }
    SourceHealth before =
        health.set(source, status, status == Status.FAILING ? describe(error) : null);
    boolean changed = before == null || before.status() != status;
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    switch (status) {
      case OK -> {
        if (changed && before != null) {
          LOG.info("source {} works again", source);
        }
      }
      case ABSENT -> {
        if (changed) {
          LOG.info("source {} has nothing to read on this machine: {}", source, error.getMessage());
        }
      }
      case FAILING -> {
        if (changed) {
          LOG.warn("source {} failed after {} ms", source, millis, error);
        } else {
          LOG.warn("source {} failed again after {} ms: {}", source, millis, describe(error));
        }
      }
    }
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    String kind = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }
}
