package dev.stallwatch.app;

import static dev.stallwatch.app.AnalyzerRecords.escalated;
import static dev.stallwatch.app.AnalyzerRecords.open;
import static dev.stallwatch.app.AnalyzerRecords.resolved;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Severity;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An incident's lifecycle through the API of a server as {@code up} wires it, on a real broker onto
 * which the test writes incidents and alerts as the analyzer would: acknowledgement, notes,
 * history, escalation, suppression by cause and the CSV export. Each test ends by restarting the
 * server on the same broker and asking again, since all of it lives in Kafka.
 */
class TeamLifecycleIT {

  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final AtomicInteger GENERATIONS = new AtomicInteger();
  private static EmbeddedKafkaKraftBroker broker;
  private static AnalyzerRecords analyzer;
  private TeamServer server;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = AnalyzerBroker.start();
    analyzer = new AnalyzerRecords(broker.getBrokersAsString());
  }

  @AfterAll
  static void stopBroker() {
    if (analyzer != null) {
      analyzer.close();
    }
    broker.destroy();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = nextGeneration();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void shouldKeepTheAcknowledgementNotesAndHistoryOfAnIncidentAcrossARestart() throws Exception {
    Incident incident =
        open("dev-laptop-31", "resource-saver-gradual", Severity.WARNING, NOW.minus(ofMinutes(10)));
    analyzer.publish(incident);
    String path = "/api/incidents/" + incident.id();
    await()
        .atMost(ofSeconds(30))
        .until(() -> server.get(path + "/history").status(), status -> status == 200);

    TeamServer.Reply ack =
        server.post(
            path + "/ack",
            """
            {"comment": "on it: wsl --shutdown once the build is done", "author": "anna"}
            """);
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    assertThat(ack.json().path("by").asText()).isEqualTo("anna (local)");
    TeamServer.Reply note =
        server.post(path + "/notes", "{\"text\": \"third hang this week with reclaim=gradual\"}");
    assertThat(note.status()).as(note.body()).isEqualTo(201);
    Incident worse = escalated(incident, Severity.CRITICAL, Instant.now());
    analyzer.publishIncidentOnly(worse);
    await().atMost(ofSeconds(30)).until(() -> happenings(path), h -> h.contains("escalated"));
    analyzer.publish(resolved(worse, Instant.now()));
    await().atMost(ofSeconds(30)).until(() -> happenings(path), h -> h.contains("resolved"));

    JsonNode history = server.get(path + "/history").json();
    assertThat(happenings(path))
        .containsExactly("opened", "acknowledged", "note", "escalated", "resolved");
    assertThat(entry(history, "acknowledged").path("by").asText()).isEqualTo("anna (local)");
    assertThat(entry(history, "acknowledged").path("detail").asText())
        .isEqualTo("on it: wsl --shutdown once the build is done");
    assertThat(entry(history, "note").path("by").asText()).isEqualTo("local");
    assertThat(entry(history, "note").path("detail").asText())
        .isEqualTo("third hang this week with reclaim=gradual");
    assertThat(entry(history, "escalated").path("detail").asText()).isEqualTo("severity critical");
    assertThat(history.path("acknowledged").path("text").asText())
        .isEqualTo("on it: wsl --shutdown once the build is done");
    JsonNode acks = server.get("/api/acks?host=dev-laptop-31").json();
    assertThat(acks).hasSize(1);
    assertThat(acks.get(0).path("rule").asText()).isEqualTo("resource-saver-gradual");
    assertThat(audit(incident.id()))
        .containsExactlyInAnyOrder("anna (local) incident.acknowledge", "local incident.note");

    List<String> before = answers(path + "/history", "/api/acks?host=dev-laptop-31");
    restart();
    assertThat(answers(path + "/history", "/api/acks?host=dev-laptop-31")).isEqualTo(before);
    assertThat(audit(incident.id()))
        .containsExactlyInAnyOrder("anna (local) incident.acknowledge", "local incident.note");
  }

  @Test
  void shouldShowAnAcknowledgementMadeOnOneServerOnAnotherAtOnceAndInItsStream() throws Exception {
    Incident incident =
        open("dev-laptop-32", "resource-saver-gradual", Severity.WARNING, NOW.minus(ofMinutes(5)));
    analyzer.publish(incident);
    String path = "/api/incidents/" + incident.id();
    try (TeamServer other = nextGeneration()) {
      await()
          .atMost(ofSeconds(30))
          .until(() -> other.get(path + "/history").status(), status -> status == 200);
      java.util.Queue<String> lines = new java.util.concurrent.ConcurrentLinkedQueue<>();
      other.stream(lines);

      TeamServer.Reply ack =
          server.post(path + "/ack", "{\"comment\": \"mine\", \"author\": \"ben\"}");

      assertThat(ack.status()).as(ack.body()).isEqualTo(200);
      await()
          .atMost(ofSeconds(30))
          .until(
              () -> other.get(path + "/history").json().path("acknowledged").path("by").asText(),
              "ben (local)"::equals);
      await()
          .atMost(ofSeconds(10))
          .until(
              () ->
                  lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("ben (local)")));
      assertThat(lines).contains("event: action");
    }
  }

  @Test
  void shouldSuppressAnUnexplainedHangWhileACauseOverlapsItOnTheSameHost() throws Exception {
    Incident freeze =
        open("dev-laptop-61", "vm-freeze", Severity.CRITICAL, NOW.minus(ofMinutes(6)));
    Incident symptom =
        open("dev-laptop-61", "unexplained-hang", Severity.WARNING, NOW.minus(ofMinutes(5)));
    Incident alone =
        open("dev-laptop-62", "unexplained-hang", Severity.WARNING, NOW.minus(ofMinutes(5)));
    analyzer.publish(freeze);
    analyzer.publish(symptom);
    analyzer.publish(alone);

    await()
        .atMost(ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode suppressed = alert("dev-laptop-61", "unexplained-hang");
              assertThat(suppressed.path("state").asText()).isEqualTo("suppressed");
              assertThat(suppressed.path("suppressedBy").path("incidentId").asText())
                  .isEqualTo(freeze.id());
              assertThat(suppressed.path("suppressedBy").path("rule").asText())
                  .isEqualTo("vm-freeze");
              assertThat(alert("dev-laptop-62", "unexplained-hang").path("state").asText())
                  .isEqualTo("firing");
            });
    assertThat(alert("dev-laptop-62", "unexplained-hang").hasNonNull("suppressedBy")).isFalse();
    assertThat(alert("dev-laptop-61", "vm-freeze").path("state").asText()).isEqualTo("firing");
    JsonNode history = server.get("/api/incidents/" + symptom.id() + "/history").json();
    assertThat(entry(history, "suppressed").path("detail").asText()).contains(freeze.id());

    List<String> paths =
        List.of(
            "/api/alerts?host=dev-laptop-61&rule=unexplained-hang",
            "/api/alerts?host=dev-laptop-61&rule=vm-freeze",
            "/api/alerts?host=dev-laptop-62",
            "/api/incidents/" + symptom.id() + "/history");
    List<String> before = answers(paths.toArray(String[]::new));
    restart();
    assertThat(answers(paths.toArray(String[]::new))).isEqualTo(before);
  }

  @Test
  void shouldExportTheAlertsAsCsvWithAHeaderAndOneRowPerAlert() throws Exception {
    Incident earlier =
        open("dev-laptop-81", "resource-saver-gradual", Severity.WARNING, NOW.minus(ofMinutes(40)));
    analyzer.publish(earlier);
    analyzer.publish(resolved(earlier, NOW.minus(ofMinutes(30))));
    Incident later =
        open("dev-laptop-81", "resource-saver-gradual", Severity.WARNING, NOW.minus(ofMinutes(10)));
    analyzer.publish(later);
    await()
        .atMost(ofSeconds(30))
        .until(() -> server.get("/api/alerts?host=dev-laptop-81").json().size(), n -> n == 2);

    TeamServer.Reply csv = server.get("/api/alerts?format=csv&host=dev-laptop-81");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.getFirst())
        .isEqualTo(
            "fingerprint,host,rule,state,severity,startsAt,endsAt,incidentId,summary,cohort,"
                + "silencedBy,suppressedBy");
    assertThat(lines).hasSize(3);
    assertThat(row(lines, later.id())).contains(",firing,warning,");
    assertThat(row(lines, earlier.id()))
        .contains(",resolved,warning,")
        .contains("wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2");
    int everyAlert = server.get("/api/alerts?limit=500").json().size();
    assertThat(server.get("/api/alerts?format=csv").body().lines()).hasSize(everyAlert + 1);

    restart();
    assertThat(server.get("/api/alerts?format=csv&host=dev-laptop-81").body())
        .isEqualTo(csv.body());
  }

  private void restart() throws Exception {
    server.close();
    server = null;
    server = nextGeneration();
  }

  private static TeamServer nextGeneration() throws Exception {
    return TeamServer.start(
        broker.getBrokersAsString(),
        AlertSinkConfig.NONE,
        "lifecycle-it-" + GENERATIONS.incrementAndGet());
  }

  /** What the incident's history says happened, in its order. */
  private List<String> happenings(String incidentPath) throws Exception {
    List<String> out = new ArrayList<>();
    server
        .get(incidentPath + "/history")
        .json()
        .path("history")
        .forEach(e -> out.add(e.path("what").asText()));
    return out;
  }

  private static JsonNode entry(JsonNode history, String what) {
    for (JsonNode entry : history.path("history")) {
      if (entry.path("what").asText().equals(what)) {
        return entry;
      }
    }
    throw new AssertionError("no '" + what + "' in " + history);
  }

  /** The latest episode of the host's alert of {@code rule}, as {@code /api/alerts} lists it. */
  private JsonNode alert(String host, String rule) throws Exception {
    JsonNode alerts = server.get("/api/alerts?host=" + host + "&rule=" + rule).json();
    assertThat(alerts).as("alerts of %s %s", host, rule).isNotEmpty();
    return alerts.get(0);
  }

  /** The audit trail's entries about {@code target}, as "actor action". */
  private List<String> audit(String target) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode entry : server.get("/api/audit").json()) {
      if (entry.path("target").asText().equals(target)) {
        out.add(entry.path("actor").asText() + " " + entry.path("action").asText());
      }
    }
    return out;
  }

  /** The bodies of {@code paths}, each checked to be a 200. */
  private List<String> answers(String... paths) throws Exception {
    List<String> out = new ArrayList<>();
    for (String path : paths) {
      TeamServer.Reply reply = server.get(path);
      assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
      out.add(reply.body());
    }
    return out;
  }

  private static String row(List<String> lines, String incidentId) {
    return lines.stream()
        .filter(line -> line.contains("," + incidentId + ","))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + incidentId + " in " + lines));
  }
}
