package dev.stallwatch.app;

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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
 * Silences through the API of a server as {@code up} wires it, on a real broker onto which the test
 * writes incidents and alerts as the analyzer would: with an expiry, "until resolved", as a
 * maintenance window, ended early, and in the audit trail. Each test ends by restarting the server
 * on the same broker and asking again, since all of it lives in Kafka.
 */
class SilencesIT {

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
  void shouldSilenceAHostUntilTheSilenceExpires() throws Exception {
    analyzer.publish(hangOn("build-box-41", 5));
    analyzer.publish(hangOn("build-box-42", 5));
    JsonNode hour =
        created(
            """
            {"host": "build-box-41", "duration": "1h", "author": "dmitri",
             "comment": "re-imaging build-box-41"}
            """);
    assertThat(hour.path("state").asText()).isEqualTo("active");
    assertThat(Instant.parse(hour.path("endsAt").asText()))
        .isEqualTo(Instant.parse(hour.path("startsAt").asText()).plus(Duration.ofHours(1)));
    Instant soon = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    JsonNode brief =
        created(
            """
            {"host": "build-box-42", "endsAt": "%s", "comment": "rebooting build-box-42"}
            """
                .formatted(soon));
    assertThat(brief.path("state").asText()).isEqualTo("active");

    await()
        .atMost(ofSeconds(30))
        .untilAsserted(() -> assertSilencedBy("build-box-41", hour.path("id").asText()));
    String briefPath = "/api/silences/" + brief.path("id").asText();
    await()
        .atMost(ofSeconds(40))
        .untilAsserted(
            () -> {
              JsonNode now = server.get(briefPath).json();
              assertThat(now.path("state").asText()).isEqualTo("expired");
              assertThat(Instant.parse(now.path("endedAt").asText())).isEqualTo(soon);
            });
    assertThat(alert("build-box-42").path("state").asText()).isEqualTo("firing");
    assertThat(alert("build-box-42").path("silencedBy")).isEmpty();
    assertThat(ids(server.get("/api/silences?status=active&host=build-box-41").json()))
        .containsExactly(hour.path("id").asText());

    String[] paths = {
      "/api/silences/" + hour.path("id").asText(),
      briefPath,
      "/api/alerts?host=build-box-41",
      "/api/alerts?host=build-box-42"
    };
    List<String> before = answers(paths);
    restart();
    assertThat(answers(paths)).isEqualTo(before);
  }

  @Test
  void shouldSilenceUntilTheAlertResolvesAndNotTheHostsNextHang() throws Exception {
    JsonNode silence =
        created(
            """
            {"host": "dev-laptop-43", "until": "resolved", "author": "anna",
             "comment": "Docker Desktop 4.43 is rolling out to dev-laptop-43"}
            """);
    String id = silence.path("id").asText();
    String path = "/api/silences/" + id;
    assertThat(silence.path("state").asText()).isEqualTo("active");
    assertThat(silence.path("untilResolved").asBoolean()).isTrue();
    assertThat(silence.hasNonNull("endsAt")).isFalse();

    Incident hang = hangOn("dev-laptop-43", 3);
    analyzer.publish(hang);
    await().atMost(ofSeconds(30)).untilAsserted(() -> assertSilencedBy("dev-laptop-43", id));
    assertThat(server.get(path).json().path("state").asText()).isEqualTo("active");

    Instant cleared = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    analyzer.publish(resolved(hang, cleared));
    await()
        .atMost(ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode ended = server.get(path).json();
              assertThat(ended.path("state").asText()).isEqualTo("expired");
              assertThat(Instant.parse(ended.path("endedAt").asText())).isEqualTo(cleared);
            });
    // Its resolution is judged as it fired: silenced, so it was not sent either.
    assertThat(alert("dev-laptop-43").path("state").asText()).isEqualTo("silenced");
    assertThat(ids(server.get("/api/silences?status=expired&host=dev-laptop-43").json()))
        .containsExactly(id);

    // The host's next hang, reported a second after the first cleared (blocked for 122 s by then).
    Incident next =
        open(
            "dev-laptop-43", "resource-saver-gradual", Severity.WARNING, cleared.minusSeconds(121));
    analyzer.publish(next);
    await()
        .atMost(ofSeconds(30))
        .until(() -> alert("dev-laptop-43").path("incidentId").asText(), next.id()::equals);
    assertThat(alert("dev-laptop-43").path("state").asText()).isEqualTo("firing");
    assertThat(server.get(path).json().path("state").asText()).isEqualTo("expired");

    String[] paths = {path, "/api/alerts?host=dev-laptop-43"};
    List<String> before = answers(paths);
    restart();
    assertThat(answers(paths)).isEqualTo(before);
  }

  @Test
  void shouldSilenceDuringAMaintenanceWindowAndNotBetweenItsOccurrences() throws Exception {
    ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Berlin"));
    JsonNode running = created(window("ci-runner-51", now.minusMinutes(30), "2h"));
    JsonNode ahead = created(window("ci-runner-52", now.plusHours(3), "1h"));
    analyzer.publish(hangOn("ci-runner-51", 4));
    analyzer.publish(hangOn("ci-runner-52", 4));

    await()
        .atMost(ofSeconds(30))
        .untilAsserted(
            () -> {
              assertSilencedBy("ci-runner-51", running.path("id").asText());
              assertThat(alert("ci-runner-52").path("state").asText()).isEqualTo("firing");
            });
    assertThat(alert("ci-runner-52").path("silencedBy")).isEmpty();
    JsonNode listed = server.get("/api/silences/" + ahead.path("id").asText()).json();
    assertThat(listed.path("repeat").path("length").asText()).isEqualTo("PT1H");
    assertThat(listed.hasNonNull("endsAt")).isFalse();
    assertThat(listed.path("state").asText()).as("between its occurrences").isEqualTo("pending");
    assertThat(
            server
                .get("/api/silences/" + running.path("id").asText())
                .json()
                .path("state")
                .asText())
        .isEqualTo("active");

    String[] paths = {
      "/api/silences/" + running.path("id").asText(),
      "/api/silences/" + ahead.path("id").asText(),
      "/api/alerts?host=ci-runner-51",
      "/api/alerts?host=ci-runner-52"
    };
    List<String> before = answers(paths);
    restart();
    assertThat(answers(paths)).isEqualTo(before);
  }

  @Test
  void shouldEndASilenceEarlyOnDeleteAndAuditEachChangeWithItsActor() throws Exception {
    analyzer.publish(hangOn("dev-laptop-71", 2));
    JsonNode silence =
        created(
            """
            {"host": "dev-laptop-71", "duration": "2h", "author": "ben",
             "comment": "swapping the SSD of dev-laptop-71"}
            """);
    String id = silence.path("id").asText();
    await().atMost(ofSeconds(30)).untilAsserted(() -> assertSilencedBy("dev-laptop-71", id));

    TeamServer.Reply deleted = server.delete("/api/silences/" + id, "{\"author\": \"carla\"}");
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().path("state").asText()).isEqualTo("expired");
    assertThat(deleted.json().path("expiredBy").asText()).isEqualTo("carla (local)");
    assertThat(deleted.json().hasNonNull("endedAt")).isTrue();
    assertThat(alert("dev-laptop-71").path("state").asText()).isEqualTo("firing");
    TeamServer.Reply again = server.delete("/api/silences/" + id, "{}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("error").asText()).contains("already ended");
    assertThat(audit(id))
        .containsExactlyInAnyOrder("ben (local) silence.create", "carla (local) silence.expire");
    assertThat(server.get("/api/audit?actor=carla%20(local)").json())
        .allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("carla (local)"))
        .anySatisfy(e -> assertThat(e.path("target").asText()).isEqualTo(id));

    String[] paths = {"/api/silences/" + id, "/api/alerts?host=dev-laptop-71"};
    List<String> before = answers(paths);
    restart();
    assertThat(answers(paths)).isEqualTo(before);
    assertThat(audit(id))
        .containsExactlyInAnyOrder("ben (local) silence.create", "carla (local) silence.expire");
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
        "silences-it-" + GENERATIONS.incrementAndGet());
  }

  /** An open Resource Saver hang on {@code host} that began {@code minutesAgo}. */
  private static Incident hangOn(String host, int minutesAgo) {
    return open(host, "resource-saver-gradual", Severity.WARNING, NOW.minus(ofMinutes(minutesAgo)));
  }

  /** A maintenance window on {@code host} that begins at {@code from} each week, local time. */
  private static String window(String host, ZonedDateTime from, String length) {
    return """
    {"host": "%s", "comment": "weekly patching of %s", "author": "ops",
     "repeat": {"days": ["%s"], "start": "%s", "length": "%s", "zone": "%s"}}
    """
        .formatted(
            host,
            host,
            from.getDayOfWeek(),
            from.toLocalTime().truncatedTo(ChronoUnit.MINUTES),
            length,
            from.getZone());
  }

  /** Creates a silence, checked to be a 201. */
  private JsonNode created(String body) throws Exception {
    TeamServer.Reply reply = server.post("/api/silences", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json();
  }

  private void assertSilencedBy(String host, String silenceId) throws Exception {
    JsonNode alert = alert(host);
    assertThat(alert.path("state").asText()).isEqualTo("silenced");
    assertThat(ids(alert.path("silencedBy"))).containsExactly(silenceId);
  }

  /** The host's latest alert episode, as {@code /api/alerts} lists it. */
  private JsonNode alert(String host) throws Exception {
    JsonNode alerts = server.get("/api/alerts?host=" + host).json();
    assertThat(alerts).as("alerts of %s", host).isNotEmpty();
    return alerts.get(0);
  }

  /** The ids in a list of silences, or the texts of a list of ids. */
  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.isObject() ? n.path("id").asText() : n.asText()));
    return out;
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
}
