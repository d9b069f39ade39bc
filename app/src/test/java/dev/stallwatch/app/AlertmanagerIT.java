package dev.stallwatch.app;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.KafkaEventSink;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.server.alerting.AlertConfigFile;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import dev.stallwatch.server.alerting.Endpoint;
import dev.stallwatch.server.alerting.RetryPolicy;
import dev.stallwatch.streams.Analyzer;
import dev.stallwatch.streams.EventTimeBounds;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Alerts from a real broker and analyzer, through the team's server and its sinks as {@code up}
 * wires them, into the real Alertmanager and a webhook receiver. In the style of Alertmanager's
 * acceptance tests: events at scripted times, and what Alertmanager holds and what the receivers
 * got, within time windows.
 */
class AlertmanagerIT {

  private static final Instant START = Instant.now().minus(ofMinutes(20));
  private static final URI DASHBOARD = URI.create("http://dashboard.example:8080/");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static EmbeddedKafkaKraftBroker broker;
  private static final ServiceStack stack = new ServiceStack();
  private static RecordingReceiver receiver;
  private static AlertmanagerProcess alertmanager;
  private static KafkaEventSink collector;
  private static TeamServer team;

  @BeforeAll
  static void startEverything() throws Exception {
    broker = AnalyzerBroker.start();
    receiver = stack.add("receiver", new RecordingReceiver());
    alertmanager = stack.add("alertmanager", AlertmanagerProcess.start(work, receiver.url("/am")));
    stack
        .add(
            "analyzer",
            new Analyzer(
                broker.getBrokersAsString(),
                work.resolve("streams"),
                RuleBook.shipped(),
                AnalysisSettings.DEFAULTS.withGrace(Duration.ofSeconds(2)),
                EventTimeBounds.DEFAULTS,
                Map.of()))
        .start();
    AlertSinkConfig config =
        AlertSinkConfig.NONE
            .plus(
                List.of(AlertConfigFile.alertmanagerEndpoint(alertmanager.url().toString())),
                List.of(Endpoint.of(receiver.url("/hook").toString())))
            .withRetry(new RetryPolicy(5, Duration.ofMillis(300), Duration.ofSeconds(2), 100))
            .withDashboardUrl(DASHBOARD);
    team = TeamServer.start(broker.getBrokersAsString(), config, "alertmanager-it");
    collector =
        stack.add(
            "collector",
            new KafkaEventSink(new BrokerClients(broker.getBrokersAsString()).producer("laptops")));
  }

  @AfterAll
  static void stopEverything() {
    if (team != null) {
      team.close();
    }
    stack.close();
    broker.destroy();
  }

  @Test
  void shouldFireTheAlertInAlertmanagerWhileTheIncidentIsOpenAndResolveItAfter() throws Exception {
    EnvelopeFactory laptop = new EnvelopeFactory("dev-laptop-07", 1);
    collector.emit(SampleTelemetry.inventory(laptop.next(at(0))));
    collector.emit(SampleTelemetry.resourceSaver(laptop.next(at(5)), ResourceSaver.State.ENTERED));
    collector.emit(SampleTelemetry.hungTask(laptop.next(at(8))));

    JsonNode active =
        await()
            .atMost(ofSeconds(60))
            .until(() -> alertFor("dev-laptop-07"), Optional::isPresent)
            .orElseThrow();
    assertThat(active.path("labels").path("alertname").asText()).isEqualTo("StallwatchHang");
    assertThat(active.path("labels").path("rule").asText()).isEqualTo("resource-saver-gradual");
    assertThat(active.path("labels").path("severity").asText()).isNotBlank();
    assertThat(active.path("labels").path("cohort").asText())
        .isEqualTo("wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2");
    assertThat(active.path("annotations").path("summary").asText()).isNotBlank();
    assertThat(active.path("annotations").path("remediation").asText()).isNotBlank();
    assertThat(active.path("annotations").path("runbook_url").asText())
        .startsWith("https://github.com/");
    assertThat(active.path("generatorURL").asText()).startsWith(DASHBOARD + "api/incidents/");
    assertThat(active.path("status").path("state").asText()).isEqualTo("active");
    await()
        .atMost(ofSeconds(15))
        .until(() -> statuses("/am", "dev-laptop-07"), s -> s.contains("firing"));
    assertThat(statuses("/hook", "dev-laptop-07")).containsExactly("firing");

    collector.emit(SampleTelemetry.resourceSaver(laptop.next(at(12)), ResourceSaver.State.EXITED));
    collector.emit(new Heartbeat(laptop.next(at(13)), Map.of(), 0, 0));

    await()
        .atMost(ofSeconds(60))
        .until(() -> statuses("/am", "dev-laptop-07"), s -> s.contains("resolved"));
    assertThat(alertFor("dev-laptop-07")).isEmpty();
    assertThat(statuses("/hook", "dev-laptop-07")).containsExactly("firing", "resolved");
    JsonNode resolved = receiver.accepted("/hook", "dev-laptop-07").getLast().body();
    assertThat(resolved.path("alerts").get(0).path("endsAt").asText())
        .isNotEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void shouldDeliverTheAlertOnceToAReceiverThatFailsTwice() throws Exception {
    receiver.failNextFor("flaky-desk-02", 2);
    EnvelopeFactory desk = new EnvelopeFactory("flaky-desk-02", 1);
    collector.emit(SampleTelemetry.inventory(desk.next(at(0))));
    collector.emit(SampleTelemetry.resourceSaver(desk.next(at(5)), ResourceSaver.State.ENTERED));
    collector.emit(SampleTelemetry.hungTask(desk.next(at(8))));

    await()
        .atMost(ofSeconds(60))
        .until(() -> statuses("/hook", "flaky-desk-02"), s -> !s.isEmpty());
    assertThat(receiver.refused()).isEqualTo(2);
    // The retries are over; nothing more may come for the same change.
    await()
        .during(ofSeconds(3))
        .atMost(ofSeconds(5))
        .until(() -> statuses("/hook", "flaky-desk-02"), s -> s.equals(List.of("firing")));
    String metrics = team.get("/metrics").body();
    assertThat(sinkCount(metrics, "failed", "webhook")).isZero();
    assertThat(sinkCount(metrics, "sent", "webhook")).isPositive();
    assertThat(alertFor("flaky-desk-02")).isPresent();
  }

  @Test
  void shouldSendNothingForASilencedHostWhileAnotherHostAlerts() throws Exception {
    TeamServer.Reply created =
        team.post(
            "/api/silences",
            """
            {"host": "quiet-desk-04", "duration": "10m", "author": "anna",
             "comment": "reinstalling Docker Desktop on quiet-desk-04"}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String silenceId = created.json().path("id").asText();

    EnvelopeFactory silenced = new EnvelopeFactory("quiet-desk-04", 1);
    EnvelopeFactory control = new EnvelopeFactory("loud-desk-05", 1);
    for (EnvelopeFactory host : List.of(silenced, control)) {
      collector.emit(SampleTelemetry.inventory(host.next(at(0))));
      collector.emit(SampleTelemetry.resourceSaver(host.next(at(5)), ResourceSaver.State.ENTERED));
      collector.emit(SampleTelemetry.hungTask(host.next(at(8))));
    }

    await()
        .atMost(ofSeconds(60))
        .until(() -> statuses("/hook", "loud-desk-05"), s -> s.contains("firing"));
    await()
        .atMost(ofSeconds(15))
        .until(() -> statuses("/am", "loud-desk-05"), s -> s.contains("firing"));
    assertThat(alertFor("loud-desk-05")).isPresent();
    JsonNode listed =
        await()
            .atMost(ofSeconds(30))
            .until(() -> listedAlert("quiet-desk-04"), Optional::isPresent)
            .orElseThrow();
    assertThat(listed.path("state").asText()).isEqualTo("silenced");
    assertThat(listed.path("silencedBy").toString()).isEqualTo("[\"" + silenceId + "\"]");
    // The alert was read; had the gate let it through, it would arrive within the feed's hold
    // for its incident (5 s) and Alertmanager's group_wait (1 s).
    await("nothing of quiet-desk-04 in Alertmanager or at its receivers")
        .during(ofSeconds(7))
        .atMost(ofSeconds(9))
        .until(
            () ->
                alertFor("quiet-desk-04").isEmpty()
                    && statuses("/am", "quiet-desk-04").isEmpty()
                    && statuses("/hook", "quiet-desk-04").isEmpty());
  }

  /** The host's alert as {@code GET /api/alerts} lists it. */
  private static Optional<JsonNode> listedAlert(String host) throws Exception {
    TeamServer.Reply alerts = team.get("/api/alerts?host=" + host);
    assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
    JsonNode list = alerts.json();
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** A {@code stallwatch_alerts_WHAT_total} counter of one kind of sink, as /metrics shows it. */
  private static double sinkCount(String metrics, String what, String sink) {
    Matcher line =
        Pattern.compile(
                "^stallwatch_alerts_" + what + "_total\\{[^}]*sink=\"" + sink + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    assertThat(line.find()).as("%s counter of %s in %n%s", what, sink, metrics).isTrue();
    return Double.parseDouble(line.group(1));
  }

  private static Optional<JsonNode> alertFor(String host) throws Exception {
    for (JsonNode alert : JSON.readTree(alertmanager.alerts())) {
      if (alert.path("labels").path("host").asText().equals(host)) {
        return Optional.of(alert);
      }
    }
    return Optional.empty();
  }

  private static List<String> statuses(String path, String host) {
    List<String> out = new ArrayList<>();
    receiver.accepted(path, host).forEach(r -> out.add(r.status()));
    return out;
  }

  private static Instant at(int minutes) {
    return START.plus(ofMinutes(minutes));
  }
}
