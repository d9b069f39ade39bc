package dev.stallwatch.app;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.app.up.AlertSinks;
import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.KafkaEventSink;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.server.alerting.AlertConfigFile;
import dev.stallwatch.server.alerting.AlertDispatcher;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import dev.stallwatch.server.alerting.AlertSinkStats;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Alerts from a real broker and analyzer, through the sinks as {@code up} wires them, into the real
 * Alertmanager and a webhook receiver. In the style of Alertmanager's acceptance tests: events at
 * scripted times, and what Alertmanager holds and what the receivers got, within time windows.
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
  private static AlertDispatcher sinks;

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
    Optional<AlertDispatcher> started =
        AlertSinks.start(config, broker.getBrokersAsString(), URI.create("http://x/"), stack);
    sinks = started.orElseThrow();
    collector =
        stack.add(
            "collector",
            new KafkaEventSink(new BrokerClients(broker.getBrokersAsString()).producer("laptops")));
  }

  @AfterAll
  static void stopEverything() {
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
    Thread.sleep(3000);
    assertThat(statuses("/hook", "flaky-desk-02")).containsExactly("firing");
    AlertSinkStats webhook =
        sinks.stats().stream().filter(s -> s.kind().equals("webhook")).findFirst().orElseThrow();
    assertThat(webhook.failed()).isZero();
    assertThat(webhook.sent()).isPositive();
    assertThat(alertFor("flaky-desk-02")).isPresent();
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
