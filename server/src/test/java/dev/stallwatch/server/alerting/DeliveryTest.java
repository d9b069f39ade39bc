package dev.stallwatch.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Delivery against a real HTTP server: retries, backoff, the bounded queue, quiet secrets. */
class DeliveryTest {

  private static final RetryPolicy FAST =
      new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), 10);

  private HttpServer server;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean fail = failuresLeft.getAndDecrement() > 0;
          if (!fail) {
            accepted.add(body);
          }
          exchange.sendResponseHeaders(fail ? 503 : 200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void shouldRetryAfterFailuresAndDeliverOnce() {
    failuresLeft.set(2);
    try (Delivery delivery = new Delivery("webhook", endpoint(), FAST, http)) {
      delivery.start();
      delivery.offer("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
      waitUntil(() -> delivery.sent() == 1);
      assertThat(accepted).containsExactly("{\"n\":1}");
      assertThat(authorizations).hasSize(3).allMatch(a -> a.equals("Bearer tok-123"));
      assertThat(delivery.failed()).isZero();
    }
  }

  @Test
  void shouldGiveUpAfterTheLastAttemptAndWarnWithoutSecrets() {
    failuresLeft.set(100);
    ListAppender<ILoggingEvent> logs = captureLogs();
    Endpoint endpoint =
        Endpoint.of("http://alice:pa55word@127.0.0.1:" + server.getAddress().getPort() + "/h")
            .withBearerToken("tok-123");
    try (Delivery delivery = new Delivery("webhook", endpoint, FAST, http)) {
      delivery.start();
      delivery.offer("{}".getBytes(StandardCharsets.UTF_8));
      delivery.offer("{}".getBytes(StandardCharsets.UTF_8));
      waitUntil(() -> delivery.failed() == 2);
      assertThat(delivery.sent()).isZero();
      assertThat(authorizations).hasSize(6);
    } finally {
      ((Logger) LoggerFactory.getLogger(Delivery.class)).detachAppender(logs);
    }
    // Rate-limited: two failures, one warning.
    assertThat(logs.list).hasSize(1);
    String line = logs.list.getFirst().getFormattedMessage();
    assertThat(line).contains("HTTP 503").contains("/h");
    assertThat(line).doesNotContain("pa55word", "alice", "tok-123");
  }

  @Test
  void shouldDoubleTheBackoffUpToItsCap() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 10);
    assertThat(List.of(2, 3, 4, 5, 6).stream().map(policy::backoffBefore))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void shouldDropTheOldestWhenTheQueueIsFull() {
    RetryPolicy small = new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), 2);
    try (Delivery delivery = new Delivery("alertmanager", endpoint(), small, http)) {
      for (int i = 1; i <= 5; i++) {
        delivery.offer(("[" + i + "]").getBytes(StandardCharsets.UTF_8));
      }
      assertThat(delivery.dropped()).isEqualTo(3);
      assertThat(delivery.queued()).isEqualTo(2);
      delivery.start();
      waitUntil(() -> delivery.sent() == 2);
      assertThat(accepted).containsExactly("[4]", "[5]");
    }
  }

  /** Polls for up to 5 s; the caller's assertions then say what was missing. */
  private static void waitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Endpoint endpoint() {
    return Endpoint.of("http://127.0.0.1:" + server.getAddress().getPort() + "/h")
        .withBearerToken("tok-123");
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(Delivery.class)).addAppender(appender);
    return appender;
  }
}
