package dev.stallwatch.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a command, closed in the reverse order they started (the collector before
 * the broker it writes to). A part that fails to close is logged and the others still close.
 *
 * <p>Each part gets a bounded time to close: a part that takes longer than two seconds is named on
 * the terminal with the time it may still take, and one that takes longer than its bound is left
 * behind so that the rest still closes and the process ends.
 */
public final class ServiceStack implements AutoCloseable {

  /** How long a part may take to close unless it was added with its own bound. */
  public static final Duration DEFAULT_CLOSE_BOUND = Duration.ofSeconds(30);

  private static final Duration QUIET_CLOSE = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(ServiceStack.class);

  private final Deque<Part> parts = new ArrayDeque<>();
  private volatile Part closing;

  private record Part(String name, AutoCloseable service, Duration bound) {}

  /**
   * Adds a part with the default bound.
   *
   * @param name what the user reads while it closes: "stopping: waiting for the NAME"
   */
  public <T extends AutoCloseable> T add(String name, T service) {
    return add(name, service, DEFAULT_CLOSE_BOUND);
  }

  /** Adds a part that may take up to {@code bound} to close. */
  public synchronized <T extends AutoCloseable> T add(String name, T service, Duration bound) {
    parts.push(new Part(name, service, bound));
    return service;
  }

  /** The name of the part being closed right now, if any. */
  public Optional<String> closing() {
    Part now = closing;
    return now == null ? Optional.empty() : Optional.of(now.name());
  }

  @Override
  public synchronized void close() {
    try {
      while (!parts.isEmpty()) {
        Part next = parts.pop();
        closing = next;
        close(next);
      }
    } finally {
      closing = null;
    }
  }

  private static void close(Part part) {
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    // A daemon thread, so that a part left behind cannot keep the process alive.
    Thread.ofPlatform()
        .name("stallwatch-stop")
        .daemon()
        .start(() -> done.complete(closeCatching(part.service())));
    Throwable failure;
    try {
      failure = awaitClosed(part, done);
    } catch (TimeoutException e) {
      LOG.warn(
          "stopping: gave up waiting for the {} after {} s", part.name(), seconds(part.bound()));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("stopping: interrupted while waiting for the {}", part.name());
      return;
    }
    if (failure instanceof Error error) {
      LOG.error("stopping {} failed", part.name(), error);
      throw error;
    }
    if (failure != null) {
      LOG.warn("stopping {} failed: {}", part.name(), failure.toString());
    }
  }

  private static Throwable awaitClosed(Part part, CompletableFuture<Throwable> done)
      throws TimeoutException, InterruptedException {
    Duration quiet = part.bound().compareTo(QUIET_CLOSE) < 0 ? part.bound() : QUIET_CLOSE;
    try {
      return done.get(quiet.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      Duration left = part.bound().minus(quiet);
      if (left.isZero()) {
        throw slow;
      }
      LOG.info(
          "stopping: waiting for the {} (up to {} s; Ctrl-C again stops at once)",
          part.name(),
          seconds(left));
      try {
        return done.get(left.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      }
    } catch (ExecutionException impossible) {
      // closeCatching hands every failure over as the value.
      throw new IllegalStateException(impossible);
    }
  }

  private static Throwable closeCatching(AutoCloseable service) {
    try {
      service.close();
      return null;
    } catch (Exception | Error e) {
      return e;
    }
  }

  private static long seconds(Duration duration) {
    return (duration.toMillis() + 999) / 1000;
  }
}
