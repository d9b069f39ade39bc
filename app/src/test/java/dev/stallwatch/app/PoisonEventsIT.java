package dev.stallwatch.app;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.KafkaEventSink;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.Analyzer;
import dev.stallwatch.streams.AnalyzerHealth;
import dev.stallwatch.streams.DeadLetterHandler;
import dev.stallwatch.streams.EventTimeBounds;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Poison events on a real broker, each sent to every partition between the good events of six
 * hosts: the ones that stopped a partition for good (a clock in year 9999, before 1970, two hours
 * ahead; a hang blocked for 68 years) and the ones the wire format promises to refuse (version 99,
 * markup or 100 KB as host id). Every good host still gets its incident, every poison lands in the
 * dead letters with its reason, and no stream thread fails.
 */
class PoisonEventsIT {

  private static final Instant START = Instant.now().minus(ofMinutes(20));
  private static final List<String> HOSTS =
      List.of("dev-anna", "dev-bruno", "dev-hugo", "dev-ines", "dev-kemal", "dev-gita");
  private static final Map<String, Object> POISONS =
      Map.of(
          "ts=9999",
          "9999-12-31T23:59:59Z",
          "ts=1969",
          "1969-12-31T23:59:59Z",
          "ts=+2h",
          Instant.now().plus(Duration.ofHours(2)).toString(),
          "blockedSeconds",
          2147483647L,
          "v",
          99,
          "host=markup",
          "<img src=x onerror=alert(1)>",
          "host=100KB",
          "h".repeat(100_000));
  private static EmbeddedKafkaKraftBroker broker;
  private static BrokerClients clients;

  @TempDir static Path work;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = AnalyzerBroker.start();
    clients = new BrokerClients(broker.getBrokersAsString());
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @Test
  void shouldExplainEveryGoodHostAndDeadLetterEachPoisonWithItsReason() throws Exception {
    assertThat(HOSTS.stream().map(PoisonEventsIT::partitionOf).collect(Collectors.toSet()))
        .as("the good hosts cover every partition")
        .containsExactlyInAnyOrder(0, 1, 2);
    try (Analyzer analyzer =
            new Analyzer(
                broker.getBrokersAsString(),
                work.resolve("streams"),
                RuleBook.shipped(),
                AnalysisSettings.DEFAULTS.withGrace(Duration.ofSeconds(2)),
                EventTimeBounds.DEFAULTS,
                Map.of());
        KafkaEventSink sink = new KafkaEventSink(clients.producer("collector"))) {
      analyzer.start();
      long emitted = 0;
      for (String host : HOSTS) {
        EnvelopeFactory laptop = new EnvelopeFactory(host, 1);
        sink.emit(SampleTelemetry.inventory(laptop.next(at(0))));
        sink.emit(SampleTelemetry.resourceSaver(laptop.next(at(5)), ResourceSaver.State.ENTERED));
        emitted += 2;
        long acknowledged = emitted;
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.sentCount() >= acknowledged);
        clients.sendRaw(Topics.TELEMETRY.name(), poisonsFor(host, laptop));
        sink.emit(SampleTelemetry.hungTask(laptop.next(at(8))));
        emitted++;
      }

      Set<String> explained =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(this::hostsWithIncidents, hosts -> hosts.containsAll(HOSTS));
      assertThat(explained).containsExactlyInAnyOrderElementsOf(HOSTS);
      List<String> reasons =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(this::deadLetterReasons, r -> r.size() >= HOSTS.size() * POISONS.size());
      assertThat(reasons).hasSize(HOSTS.size() * POISONS.size());
      assertThat(reasons)
          .filteredOn(r -> r.contains("ahead of the analyzer's clock"))
          .hasSize(2 * HOSTS.size());
      assertThat(reasons).filteredOn(r -> r.contains("before the analyzer's clock")).hasSize(6);
      assertThat(reasons).filteredOn(r -> r.contains("blockedSeconds must be")).hasSize(6);
      assertThat(reasons).filteredOn(r -> r.contains("v 99 is not a version")).hasSize(6);
      assertThat(reasons).filteredOn(r -> r.contains("host must be 1 to 128")).hasSize(12);
      // The old failure came one punctuation after the poison: give it several.
      await()
          .during(Duration.ofSeconds(15))
          .atMost(Duration.ofSeconds(20))
          .until(analyzer::health, h -> h.threadRestarts() == 0);
      AnalyzerHealth health = analyzer.health();
      assertThat(health.status()).isEqualTo(AnalyzerHealth.RUNNING);
      assertThat(health.deadLetters()).isEqualTo(HOSTS.size() * POISONS.size());
    }
  }

  /** Every poison, as a copy of the host's next hang event with one field made absurd. */
  private static List<Map.Entry<String, String>> poisonsFor(String host, EnvelopeFactory laptop) {
    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (Map.Entry<String, Object> poison : POISONS.entrySet()) {
      ObjectNode event =
          (ObjectNode)
              readTree(TelemetryCodec.toJson(SampleTelemetry.hungTask(laptop.next(at(7)))));
      String field = poison.getKey().split("=")[0];
      event.set(field, Json.mapper().valueToTree(poison.getValue()));
      records.add(Map.entry(host, event.toString()));
    }
    return records;
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Set<String> hostsWithIncidents() {
    return clients.readAll(Topics.INCIDENTS.name()).stream()
        .map(r -> Topics.INCIDENTS.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .filter(i -> i.rule().equals("resource-saver-gradual"))
        .map(Incident::host)
        .collect(Collectors.toSet());
  }

  private List<String> deadLetterReasons() {
    return clients.readAll(Topics.DEAD_LETTERS.name()).stream()
        .map(r -> r.headers().lastHeader(DeadLetterHandler.REASON))
        .map(h -> h == null ? "(no reason)" : new String(h.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static int partitionOf(String host) {
    return Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % 3;
  }

  private static Instant at(int minutes) {
    return START.plus(ofMinutes(minutes));
  }
}
