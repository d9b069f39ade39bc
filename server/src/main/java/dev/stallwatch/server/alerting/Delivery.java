package dev.stallwatch.server.alerting;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON payloads to one endpoint, in order, from a bounded queue on a thread of its own. A
 * failed post (no answer, 5xx or 429) is retried with exponential backoff up to {@link
 * RetryPolicy#maxAttempts()}; other 4xx answers are not retried, since the same body would be
 * refused again. When the queue is full the oldest payload is dropped: a newer one says more.
 */
final class Delivery implements AlertSinkStats, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final String kind;
  private final Endpoint endpoint;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final Deque<byte[]> queue = new ArrayDeque<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final RateLimitedWarning warning;
  private final Thread worker;
  private volatile boolean closed;

  Delivery(String kind, Endpoint endpoint, RetryPolicy retry, HttpClient http) {
    this.kind = kind;
    this.endpoint = endpoint;
    this.retry = retry;
    this.http = http;
    this.warning = new RateLimitedWarning(LOG, Duration.ofMinutes(1));
    this.worker =
        Thread.ofVirtual().name("alert-" + kind + "-" + endpoint.target()).unstarted(this::run);
  }

  void start() {
    worker.start();
  }

  /** Queues a payload; drops the oldest queued one when the queue is full. */
  void offer(byte[] payload) {
    synchronized (queue) {
      while (queue.size() >= retry.queueCapacity()) {
        queue.removeFirst();
        dropped.incrementAndGet();
      }
      queue.addLast(payload);
      queue.notifyAll();
    }
  }

  private void run() {
    while (!closed) {
      byte[] payload;
      synchronized (queue) {
        while (queue.isEmpty() && !closed) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        payload = queue.removeFirst();
      }
      try {
        deliver(payload);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void deliver(byte[] payload) throws InterruptedException {
    String lastProblem = "";
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      if (attempt > 1) {
        Thread.sleep(retry.backoffBefore(attempt));
      }
      try {
        int status = post(payload);
        if (status / 100 == 2) {
          sent.incrementAndGet();
          return;
        }
        lastProblem = "HTTP " + status;
        if (status / 100 == 4 && status != 429) {
          break;
        }
      } catch (IOException e) {
        lastProblem =
            e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + Endpoint.redact(e.getMessage()));
      }
    }
    failed.incrementAndGet();
    warning.warn(
        "could not send an alert to {} {} ({}); {} failed so far",
        kind,
        endpoint.target(),
        lastProblem,
        failed.get());
  }

  private int post(byte[] payload) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.url())
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "stallwatch")
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    endpoint.authorization().ifPresent(value -> request.header("Authorization", value));
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public String target() {
    return endpoint.target();
  }

  @Override
  public long sent() {
    return sent.get();
  }

  @Override
  public long failed() {
    return failed.get();
  }

  @Override
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (queue) {
      queue.notifyAll();
    }
    worker.interrupt();
  }

  @Override
  public String toString() {
    return kind + " " + endpoint;
  }
}
