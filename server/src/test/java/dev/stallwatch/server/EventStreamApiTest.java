package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Json;
import dev.stallwatch.server.StreamReader.Block;
import dev.stallwatch.server.stream.StreamSettings;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stream}: server-sent events read by real HTTP clients of a running server. */
class EventStreamApiTest {

  private static final Duration QUIET = Duration.ofMillis(500);
  private static final StreamSettings FAST_HEARTBEAT =
      new StreamSettings(1_000, 1_000, Duration.ofMillis(100), Duration.ofSeconds(3));

  @Test
  void shouldSendAPublishedIncidentAsAnIncidentEventAfterTheRetryHint() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard();
        StreamReader client = new StreamReader(dashboard.server().port(), "/api/stream", null)) {
      assertThat(client.response().statusCode()).isEqualTo(200);
      assertThat(client.response().headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(client.next(Duration.ofSeconds(5)).retry()).isEqualTo("3000");

      dashboard.server().stream().publish("incident", TestIncidents.aptHang());

      Block event = client.nextEvent();
      assertThat(event.event()).isEqualTo("incident");
      assertThat(event.id()).matches("\\d+");
      assertThat(Json.mapper().readTree(event.data()).path("id").asText())
          .isEqualTo(TestIncidents.aptHang().id());
    }
  }

  @Test
  void shouldSendExactlyTheMissedEventsToAClientReconnectingWithLastEventId() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard()) {
      int port = dashboard.server().port();
      String lastSeen;
      try (StreamReader first = new StreamReader(port, "/api/stream", null)) {
        publishHosts(dashboard, 1, 3);
        first.nextEvent();
        first.nextEvent();
        lastSeen = first.nextEvent().id();
      }
      publishHosts(dashboard, 4, 6);

      try (StreamReader again = new StreamReader(port, "/api/stream", lastSeen)) {
        assertThat(hostsIn(again.eventsWithin(QUIET))).containsExactly("h4", "h5", "h6");
        publishHosts(dashboard, 7, 7);
        assertThat(hostsIn(List.of(again.nextEvent()))).containsExactly("h7");
      }
    }
  }

  @Test
  void shouldTellAClientThatMissedMoreThanIsKeptToReloadAndThenKeepStreaming() throws Exception {
    StreamSettings keepsThree =
        new StreamSettings(3, 1_000, Duration.ofSeconds(15), Duration.ofSeconds(3));
    try (RunningDashboard dashboard = new RunningDashboard(keepsThree)) {
      int port = dashboard.server().port();
      String lastSeen;
      try (StreamReader first = new StreamReader(port, "/api/stream", null)) {
        publishHosts(dashboard, 1, 1);
        lastSeen = first.nextEvent().id();
      }
      publishHosts(dashboard, 2, 5);

      try (StreamReader again = new StreamReader(port, "/api/stream", lastSeen)) {
        Block resync = again.nextEvent();
        assertThat(resync.event()).isEqualTo("resync");
        assertThat(resync.data()).isEqualTo("{\"reason\":\"expired\"}");
        assertThat(again.eventsWithin(QUIET)).isEmpty();
        publishHosts(dashboard, 6, 6);
        Block next = again.nextEvent();
        assertThat(hostsIn(List.of(next))).containsExactly("h6");
        assertThat(Long.parseLong(next.id())).isEqualTo(Long.parseLong(resync.id()) + 1);
      }
      // An id from an earlier run of the server is above nothing this run sent, or below it.
      try (StreamReader stale = new StreamReader(port, "/api/stream", "42")) {
        assertThat(stale.nextEvent().event()).isEqualTo("resync");
      }
    }
  }

  @Test
  void shouldKeepStreamingToOthersWhileOneClientNeverReadsThenTellThatOneToReload()
      throws Exception {
    StreamSettings smallBacklog =
        new StreamSettings(1_000, 32, Duration.ofMillis(100), Duration.ofSeconds(3));
    try (RunningDashboard dashboard = new RunningDashboard(smallBacklog);
        Socket stuck = new Socket()) {
      int port = dashboard.server().port();
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new InetSocketAddress("127.0.0.1", port));
      stuck.setSoTimeout(20_000);
      OutputStream request = stuck.getOutputStream();
      request.write(
          ("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      awaitStreamClients(dashboard, 1);

      try (StreamReader reading = new StreamReader(port, "/api/stream", null)) {
        awaitStreamClients(dashboard, 2);
        // About 10 MB in all: more than the never-reading client's socket buffers and backlog.
        String filler = "x".repeat(16_000);
        for (int burst = 0; burst < 60; burst++) {
          for (int i = 0; i < 10; i++) {
            dashboard.server().stream().publish("host", Map.of("host", "h" + i, "pad", filler));
          }
          for (int i = 0; i < 10; i++) {
            assertThat(reading.nextEvent().event()).isEqualTo("host");
          }
        }
      }

      String stuckRead = new String(stuck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(stuckRead).contains("event: resync\ndata: {\"reason\":\"overflow\"}");
      awaitStreamClients(dashboard, 0);
    }
  }

  @Test
  void shouldCountAClientUntilItGoesAwayAndSendHeartbeatsMeanwhile() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard(FAST_HEARTBEAT)) {
      try (StreamReader client = new StreamReader(dashboard.server().port(), "/api/stream", null)) {
        awaitStreamClients(dashboard, 1);
        client.next(Duration.ofSeconds(5));
        assertThat(client.next(Duration.ofSeconds(5)).comments()).containsExactly("keep-alive");
      }
      // The next heartbeat finds the connection closed.
      awaitStreamClients(dashboard, 0);
    }
  }

  @Test
  void shouldRefuseARequestThatDoesNotAcceptAnEventStreamWithAJsonSentence() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard()) {
      HttpResponse<String> refused = dashboard.get("/api/stream");

      assertThat(refused.statusCode()).isEqualTo(406);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(Json.mapper().readTree(refused.body()).path("error").asText())
          .isEqualTo(
              "GET /api/stream sends server-sent events only; ask with 'Accept:"
                  + " text/event-stream' (an EventSource does).");
      HttpResponse<String> badId =
          dashboard.send(
              "/api/stream",
              r -> r.header("Accept", "text/event-stream").header("Last-Event-ID", "abc"));
      assertThat(badId.statusCode()).isEqualTo(400);
      assertThat(badId.body()).contains("Last-Event-ID must be the id of an event");
    }
  }

  @Test
  void shouldSendOnlyTheTypesAskedForAndNameTheTypesForAnUnknownOne() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard();
        StreamReader alerts =
            new StreamReader(dashboard.server().port(), "/api/stream?types=alert,silence", null)) {
      dashboard.server().stream().publish("incident", TestIncidents.aptHang());
      dashboard.server().stream().publish("alert", Map.of("fingerprint", "a1"));

      assertThat(alerts.nextEvent().event()).isEqualTo("alert");
      HttpResponse<String> unknown =
          dashboard.send(
              "/api/stream?types=incident,alerts", r -> r.header("Accept", "text/event-stream"));
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(Json.mapper().readTree(unknown.body()).path("error").asText())
          .isEqualTo(
              "Unknown event type 'alerts'; use one of incident, alert, host, silence, action.");
    }
  }

  @Test
  void shouldSendHostileTextEscapedSoItStaysData() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard();
        StreamReader client = new StreamReader(dashboard.server().port(), "/api/stream", null)) {
      dashboard.server().stream().publish("incident", TestIncidents.hostileLogLine());

      String data = client.nextEvent().data();
      assertThat(data).doesNotContain("<script>").contains("\\u003Cscript\\u003E");
      assertThat(Json.mapper().readTree(data).toString()).contains(TestIncidents.HOSTILE_LINE);
    }
  }

  @Test
  void shouldEndEveryStreamPromptlyWhenTheServerCloses() throws Exception {
    RunningDashboard dashboard = new RunningDashboard();
    try (StreamReader client = new StreamReader(dashboard.server().port(), "/api/stream", null)) {
      awaitStreamClients(dashboard, 1);
      long start = System.nanoTime();
      dashboard.close();

      assertThat(client.endsWithin(Duration.ofSeconds(3))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      awaitNoStreamThreads();
    }
  }

  private static void publishHosts(RunningDashboard dashboard, int from, int to) {
    for (int i = from; i <= to; i++) {
      dashboard.server().stream().publish("host", Map.of("host", "h" + i));
    }
  }

  private static List<String> hostsIn(List<Block> events) throws Exception {
    List<String> hosts = new ArrayList<>();
    for (Block event : events) {
      assertThat(event.event()).isEqualTo("host");
      hosts.add(Json.mapper().readTree(event.data()).path("host").asText());
    }
    return hosts;
  }

  private static void awaitNoStreamThreads() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (streamThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(streamThreads()).as("threads named stallwatch-sse-* alive").isZero();
  }

  private static long streamThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("stallwatch-sse") && t.isAlive())
        .count();
  }

  private static void awaitStreamClients(RunningDashboard dashboard, int count) throws Exception {
    String expected = "stallwatch_sse_clients " + count + ".0";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = dashboard.get("/metrics").body();
      if (body.contains(expected)) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(body).contains(expected);
  }
}
