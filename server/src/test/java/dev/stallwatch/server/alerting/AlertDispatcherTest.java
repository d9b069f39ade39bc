package dev.stallwatch.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes to Alertmanager and to webhooks, and when: real HTTP, a clock the test moves. */
class AlertDispatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private HttpServer server;
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private Instant now = Instant.parse("2026-05-04T10:20:00Z");

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          bodies.add(JSON.readTree(exchange.getRequestBody()));
          paths.add(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void shouldResendActiveAndRecentlyResolvedAlertsToAlertmanagerButNotToWebhooks() {
    try (AlertDispatcher dispatcher = dispatcher(AlertGate.SEND_ALL)) {
      dispatcher.start();
      dispatcher.accept(Notices.firing());
      waitFor(() -> paths.size() == 2);
      assertThat(paths).containsExactlyInAnyOrder("/am", "/hook");

      dispatcher.resend();
      waitFor(() -> paths.size() == 3);
      assertThat(paths.getLast()).isEqualTo("/am");

      dispatcher.accept(Notices.resolved());
      waitFor(() -> paths.size() == 5);
      now = now.plus(Duration.ofMinutes(4));
      dispatcher.resend();
      waitFor(() -> paths.size() == 6);
      assertThat(bodies.getLast().get(0).get("endsAt").asText()).isEqualTo("2026-05-04T10:19:00Z");

      now = now.plus(Duration.ofMinutes(2)); // past the 5 min of re-sending a resolved alert
      dispatcher.resend();
      assertThat(dispatcher.tracked()).isZero();
      assertThat(paths.stream().filter("/hook"::equals)).hasSize(2);
    }
  }

  @Test
  void shouldSendNothingTheGateHoldsBack() throws Exception {
    AtomicBoolean open = new AtomicBoolean(false);
    try (AlertDispatcher dispatcher = dispatcher(notice -> open.get())) {
      dispatcher.start();
      dispatcher.accept(Notices.firing());
      dispatcher.resend();
      Thread.sleep(300);
      assertThat(paths).isEmpty();
      open.set(true);
      dispatcher.resend();
      waitFor(() -> paths.size() == 1);
      assertThat(paths).containsExactly("/am");
    }
  }

  private AlertDispatcher dispatcher(AlertGate gate) {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    AlertSinkConfig config =
        AlertSinkConfig.NONE
            .plus(List.of(Endpoint.of(base + "/am")), List.of(Endpoint.of(base + "/hook")))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(50), 10));
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    return new AlertDispatcher(config, URI.create("http://stallwatch.example/"), gate, clock);
  }

  private static void waitFor(BooleanSupplier condition) {
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
}
