package dev.stallwatch.app.up;

import dev.stallwatch.streams.AnalyzerHealth;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells the terminal of {@code up} when the analyzer stops correlating and when it is back: a
 * dashboard that only shows old incidents would otherwise look like a quiet, healthy team.
 */
final class AnalyzerWatch implements AutoCloseable {

  static final Duration PERIOD = Duration.ofSeconds(5);

  private final Supplier<AnalyzerHealth> health;
  private final Consumer<String> terminal;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "analyzer-watch");
            thread.setDaemon(true);
            return thread;
          });
  private String lastStatus = AnalyzerHealth.STARTING;
  private int lastRestarts;
  private boolean everRunning;

  AnalyzerWatch(Supplier<AnalyzerHealth> health, Consumer<String> terminal) {
    this.health = health;
    this.terminal = terminal;
  }

  AnalyzerWatch start() {
    long millis = PERIOD.toMillis();
    timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Looks once; says what changed since the last look. */
  synchronized void check() {
    AnalyzerHealth now = health.get();
    if (now.threadRestarts() > lastRestarts) {
      terminal.accept(
          ("stallwatch: the analyzer's stream thread failed and was restarted (%d so far, %d in"
                  + " the last 5 min): %s")
              .formatted(now.threadRestarts(), now.recentRestarts(), now.lastError()));
    }
    if (!now.status().equals(lastStatus)) {
      announce(now);
    }
    everRunning |= now.healthy();
    lastStatus = now.status();
    lastRestarts = now.threadRestarts();
  }

  private void announce(AnalyzerHealth now) {
    switch (now.status()) {
      case AnalyzerHealth.RUNNING -> {
        if (everRunning) {
          terminal.accept("stallwatch: the analyzer is running again");
        }
      }
      case AnalyzerHealth.FAILING ->
          terminal.accept(
              "stallwatch: the analyzer is failing; new events are not correlated until it"
                  + " recovers (see /healthz)");
      case AnalyzerHealth.REBALANCING -> {
        if (everRunning) {
          terminal.accept("stallwatch: the analyzer is rebalancing its partitions");
        }
      }
      default -> terminal.accept("stallwatch: the analyzer is " + now.status());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
