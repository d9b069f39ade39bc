package dev.stallwatch.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose time moves only when the test calls {@link #advance}, so a test can say exactly
 * how often a task ran in a given span instead of sleeping and allowing slack. Tasks run on the
 * test's thread and take no time. Like the JDK's, a periodic task that throws is not run again.
 * Only fixed-delay scheduling is supported, the one the collector uses.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

  private final List<Periodic> tasks = new ArrayList<>();
  private long nowMillis;
  private boolean shutdown;

  /** Moves time forward by that much, running every task that falls due on the way, in order. */
  void advance(Duration span) {
    long until = nowMillis + span.toMillis();
    while (true) {
      Periodic next =
          tasks.stream()
              .filter(task -> task.dueMillis <= until)
              .min(Comparator.comparingLong(task -> task.dueMillis))
              .orElse(null);
      if (next == null || shutdown) {
        break;
      }
      nowMillis = next.dueMillis;
      next.runOnce();
    }
    nowMillis = until;
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    Periodic task =
        new Periodic(command, nowMillis + unit.toMillis(initialDelay), unit.toMillis(delay));
    tasks.add(task);
    return task;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("only fixed-delay scheduling is simulated");
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("only fixed-delay scheduling is simulated");
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("only fixed-delay scheduling is simulated");
  }

  @Override
  public void execute(Runnable command) {
    throw new UnsupportedOperationException("only fixed-delay scheduling is simulated");
  }

  @Override
  public void shutdown() {
    shutdown = true;
    tasks.clear();
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return shutdown;
  }

  /** A task run again {@code delayMillis} after each run ends, until cancelled or it throws. */
  private final class Periodic implements ScheduledFuture<Void> {
    private final Runnable command;
    private final long delayMillis;
    private long dueMillis;
    private boolean cancelled;

    Periodic(Runnable command, long dueMillis, long delayMillis) {
      this.command = command;
      this.dueMillis = dueMillis;
      this.delayMillis = delayMillis;
    }

    void runOnce() {
      try {
        command.run();
        dueMillis = nowMillis + delayMillis;
      } catch (RuntimeException e) {
        tasks.remove(this);
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueMillis - nowMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = tasks.remove(this);
      return cancelled;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return !tasks.contains(this);
    }

    @Override
    public Void get() {
      throw new UnsupportedOperationException("a periodic task has no result");
    }

    @Override
    public Void get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("a periodic task has no result");
    }
  }
}
