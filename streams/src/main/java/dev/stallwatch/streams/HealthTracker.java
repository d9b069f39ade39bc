package dev.stallwatch.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Collects what the analyzer's Kafka Streams reports (state changes, failed stream threads, dead
 * letters) into an {@link AnalyzerHealth}. Shared by the state listener, the uncaught-exception
 * handler and every thread's {@link DeadLetterHandler}, so it is thread-safe.
 */
final class HealthTracker {

  /** The config key under which the analyzer hands the tracker to its error handlers. */
  static final String CONFIG = "stallwatch.health.tracker";

  /** How long a failed stream thread keeps the analyzer reported as failing. */
  static final Duration FAILING_WINDOW = Duration.ofMinutes(5);

  private static final int MESSAGE_LENGTH = 500;

  private final Clock clock;
  private final AtomicLong deadLetters = new AtomicLong();
  private final Deque<Instant> recentFailures = new ArrayDeque<>();
  private KafkaStreams.State state = KafkaStreams.State.CREATED;
  private Instant since;
  private int restarts;
  private String lastError;
  private Instant lastErrorAt;

  HealthTracker(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  /** The tracker handed over in a handler's configs, or null (e.g. in a test driver). */
  static HealthTracker from(Map<String, ?> configs) {
    return configs.get(CONFIG) instanceof HealthTracker tracker ? tracker : null;
  }

  synchronized void stateChanged(KafkaStreams.State now) {
    state = now;
    since = clock.instant();
  }

  synchronized void threadFailed(Throwable error) {
    restarts++;
    lastErrorAt = clock.instant();
    lastError = describe(error);
    recentFailures.addLast(lastErrorAt);
  }

  void deadLettered() {
    deadLetters.incrementAndGet();
  }

  synchronized AnalyzerHealth snapshot() {
    Instant now = clock.instant();
    while (!recentFailures.isEmpty()
        && recentFailures.peekFirst().isBefore(now.minus(FAILING_WINDOW))) {
      recentFailures.removeFirst();
    }
    return new AnalyzerHealth(
        status(),
        state.name(),
        since,
        restarts,
        recentFailures.size(),
        lastError,
        lastErrorAt,
        deadLetters.get());
  }

  private String status() {
    if (state == KafkaStreams.State.ERROR
        || state == KafkaStreams.State.PENDING_ERROR
        || !recentFailures.isEmpty()) {
      return AnalyzerHealth.FAILING;
    }
    return switch (state) {
      case CREATED -> AnalyzerHealth.STARTING;
      case REBALANCING -> AnalyzerHealth.REBALANCING;
      case RUNNING -> AnalyzerHealth.RUNNING;
      default -> AnalyzerHealth.STOPPED;
    };
  }

  /** The innermost message, which names the cause (the outer ones name where it surfaced). */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getClass().getSimpleName() + ": " + root.getMessage();
    if (root != error) {
      text = error.getMessage() + " (" + text + ")";
    }
    return text.length() > MESSAGE_LENGTH ? text.substring(0, MESSAGE_LENGTH) + "..." : text;
  }
}
