package dev.stallwatch.app;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.KafkaEventSink;
import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.IncidentIndexer;
import dev.stallwatch.search.SearchResult;
import dev.stallwatch.streams.Analyzer;
import dev.stallwatch.streams.DeadLetterHandler;
import dev.stallwatch.streams.EventTimeBounds;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real path of an incident on a real broker: a collector's producer, {@code
 * stallwatch.telemetry}, the analyzer, {@code stallwatch.incidents}, the indexer, the index.
 */
class CorrelationPipelineIT {

  private static final Instant START = Instant.now().minus(ofMinutes(20));
  private static EmbeddedKafkaKraftBroker broker;

  @TempDir static Path work;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = AnalyzerBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @Test
  void shouldTurnACollectorsEventsIntoASearchableIncident() throws Exception {
    try (Analyzer analyzer =
            new Analyzer(
                broker.getBrokersAsString(),
                work.resolve("streams"),
                RuleBook.shipped(),
                AnalysisSettings.DEFAULTS.withGrace(Duration.ofSeconds(2)),
                EventTimeBounds.DEFAULTS,
                Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:7070"));
        IncidentIndex index = IncidentIndex.open(work.resolve("index"));
        IncidentIndexer indexer = new IncidentIndexer(client("indexer"), index);
        KafkaEventSink sink =
            new KafkaEventSink(
                new BrokerClients(broker.getBrokersAsString()).producer("collector"))) {
      analyzer.start();
      indexer.start();
      EnvelopeFactory laptop = new EnvelopeFactory("dev-laptop-07", 1);
      sink.emit(SampleTelemetry.inventory(laptop.next(at(0))));
      sink.emit(SampleTelemetry.resourceSaver(laptop.next(at(5)), ResourceSaver.State.ENTERED));
      sendGarbage("dev-laptop-07", "{\"type\":\"hung_task\",\"pid\":");
      sink.emit(SampleTelemetry.hungTask(laptop.next(at(8))));

      Incident onTopic =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(this::firstIncident, Optional::isPresent)
              .orElseThrow();
      assertThat(onTopic.rule()).isEqualTo("resource-saver-gradual");
      assertThat(onTopic.host()).isEqualTo("dev-laptop-07");

      SearchResult found =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> index.search("apt-get blocked", 10), result -> result.total() > 0);
      assertThat(found.hits().getFirst().incident().id()).isEqualTo(onTopic.id());
      assertThat(deadLetterReasons()).anyMatch(reason -> reason.startsWith("not JSON"));

      assertThat(firstAlert().fingerprint()).isEqualTo("dev-laptop-07/resource-saver-gradual");
      HostState state =
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(() -> analyzer.hostState("dev-laptop-07"), Optional::isPresent)
              .orElseThrow();
      assertThat(state.resourceSaverActive()).isTrue();
      assertThat(state.openRules()).containsExactly("resource-saver-gradual");
      assertThat(analyzer.hostStates()).extracting(HostState::host).contains("dev-laptop-07");
      assertThat(analyzer.ownerOf("dev-laptop-07")).contains("127.0.0.1:7070");
      CohortStats cohort =
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptions()
              .until(analyzer::cohorts, cohorts -> !cohorts.isEmpty())
              .getFirst();
      assertThat(cohort.key()).isEqualTo("wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2");
      assertThat(cohort.hostsWithIncidents()).isEqualTo(1);
    }
  }

  private Alert firstAlert() {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> readAll(Topics.ALERTS.name()), records -> !records.isEmpty())
        .stream()
        .map(r -> Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .findFirst()
        .orElseThrow();
  }

  private static Instant at(int minutes) {
    return START.plus(ofMinutes(minutes));
  }

  private Optional<Incident> firstIncident() {
    List<ConsumerRecord<String, byte[]>> records = readAll(Topics.INCIDENTS.name());
    return records.stream()
        .map(r -> Topics.INCIDENTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .findFirst();
  }

  private List<String> deadLetterReasons() {
    return readAll(Topics.DEAD_LETTERS.name()).stream()
        .map(r -> r.headers().lastHeader(DeadLetterHandler.REASON))
        .filter(h -> h != null)
        .map(h -> new String(h.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    return new BrokerClients(broker.getBrokersAsString()).readAll(topic);
  }

  private static void sendGarbage(String key, String value) throws Exception {
    new BrokerClients(broker.getBrokersAsString())
        .sendRaw(Topics.TELEMETRY.name(), List.of(Map.entry(key, value)));
  }

  private static Map<String, Object> client(String id) {
    return new BrokerClients(broker.getBrokersAsString()).client(id);
  }
}
