package dev.stallwatch.app;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.Replay;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two {@code stallwatch analyze} processes from the packaged jar share the work on a real broker;
 * one is killed with SIGKILL halfway through. The incidents on {@code stallwatch.incidents} must be
 * exactly those of a run without the kill (the same events replayed through the same correlation
 * offline): none lost, and no version of an incident written twice.
 */
class AnalyzerFailoverIT {

  private static final String APP_ID = "failover-it";
  private static final Duration GRACE = ofSeconds(3);
  private static final Instant START =
      Instant.now().minus(ofMinutes(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private static final int HOSTS = 18;

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
  void shouldLoseAndDuplicateNoIncidentWhenAnAnalyzerIsKilledMidStream() throws Exception {
    List<TelemetryEvent> events = fleetEvents();
    Map<String, String> expected = finalStates(replayOffline(events));
    assertThat(expected).hasSize(12);

    try (StallwatchProcess first = analyzer("a");
        StallwatchProcess second = analyzer("b")) {
      await().atMost(ofSeconds(90)).pollInterval(ofSeconds(1)).until(() -> groupMembers() == 2);
      send(events.subList(0, events.size() / 2));
      await()
          .atMost(ofSeconds(60))
          .pollInterval(ofSeconds(1))
          .until(() -> !readIncidents().isEmpty());

      second.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      send(events.subList(events.size() / 2, events.size()));

      await()
          .atMost(ofSeconds(120))
          .pollInterval(ofSeconds(2))
          .untilAsserted(() -> assertThat(finalStates(readIncidents())).isEqualTo(expected));
      List<Incident> versions = readIncidents();
      assertThat(new HashSet<>(versions)).as("no version written twice").hasSize(versions.size());
      assertThat(first.stop(ofSeconds(60))).isIn(0, 130, 143);
      assertThat(first.stderr()).doesNotContain("\tat ");
    }
  }

  private static StallwatchProcess analyzer(String name) throws Exception {
    return StallwatchProcess.start(
        work.resolve(name),
        "analyze",
        "--bootstrap",
        broker.getBrokersAsString(),
        "--instances-state-dir",
        work.resolve(name).resolve("state").toString(),
        "--application-id",
        APP_ID,
        "--partitions",
        "3",
        "--grace",
        GRACE.toSeconds() + "s",
        "-c",
        "consumer.session.timeout.ms=6000",
        "-c",
        "consumer.heartbeat.interval.ms=1500");
  }

  /** Per host: a hang under Resource Saver with gradual, an unexplained apt stall, or nothing. */
  private static List<TelemetryEvent> fleetEvents() {
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < HOSTS; i++) {
      String host = "dev-%02d".formatted(i);
      int kind = i % 3;
      Fleet h = new Fleet(host);
      events.add(
          h.inventory(0, kind == 1 ? "dropcache" : "gradual", kind == 1 ? "4.45.0" : "4.42.0"));
      if (kind != 1) {
        events.add(h.resourceSaver(5 * 60, ResourceSaver.State.ENTERED));
      }
      if (kind != 2) {
        events.add(h.apt(7 * 60, 6 * 60, AptStall.Phase.STALLED));
        events.add(h.hungTask(8 * 60));
      }
      if (kind != 1) {
        events.add(h.resourceSaver(12 * 60, ResourceSaver.State.EXITED));
      }
      if (kind != 2) {
        events.add(h.apt(12 * 60 + 20, 6 * 60, AptStall.Phase.RECOVERED));
      }
    }
    events.sort(Comparator.comparing(TelemetryEvent::ts).thenComparing(TelemetryEvent::host));
    return events;
  }

  private static List<Incident> replayOffline(List<TelemetryEvent> events) {
    Replay replay =
        new Replay(new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS.withGrace(GRACE)));
    events.forEach(replay::accept);
    return replay.finish();
  }

  /** Incident id to its rule and latest status. */
  private static Map<String, String> finalStates(List<Incident> versions) {
    Map<String, String> states = new TreeMap<>();
    versions.forEach(i -> states.put(i.id(), i.rule() + " " + i.status()));
    return states;
  }

  private static void send(List<TelemetryEvent> events) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", broker.getBrokersAsString());
    config.put("enable.idempotence", true);
    try (KafkaProducer<String, TelemetryEvent> producer =
        new KafkaProducer<>(
            config,
            Topics.TELEMETRY.keySerde().serializer(),
            Topics.TELEMETRY.valueSerde().serializer())) {
      for (TelemetryEvent event : events) {
        producer.send(
            new ProducerRecord<>(
                Topics.TELEMETRY.name(), null, event.ts().toEpochMilli(), event.host(), event));
      }
      producer.flush();
    }
  }

  private static int groupMembers() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
      return admin
          .describeConsumerGroups(List.of(APP_ID))
          .all()
          .get(10, TimeUnit.SECONDS)
          .get(APP_ID)
          .members()
          .size();
    } catch (Exception notYet) {
      return 0;
    }
  }

  /** Every incident version on the topic, as a read_committed consumer sees them. */
  private static List<Incident> readIncidents() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", broker.getBrokersAsString());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Incident> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      String topic = Topics.INCIDENTS.name();
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Set<TopicPartition> pending = new HashSet<>(partitions);
      while (!pending.isEmpty()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          all.add(Topics.INCIDENTS.valueSerde().deserializer().deserialize(topic, r.value()));
        }
        pending.removeIf(p -> consumer.position(p) >= end.get(p));
      }
    }
    return all;
  }

  /** One simulated host's events at second offsets from {@link #START}. */
  private static final class Fleet {
    private final String host;
    private long seq;

    Fleet(String host) {
      this.host = host;
    }

    Envelope envelope(long second) {
      seq++;
      return new Envelope(1, host, START.plusSeconds(second), seq, host + "-" + seq);
    }

    Inventory inventory(long second, String reclaim, String dockerDesktop) {
      return SampleTelemetry.inventory(envelope(second), reclaim, Map.of(), dockerDesktop);
    }

    ResourceSaver resourceSaver(long second, ResourceSaver.State state) {
      return new ResourceSaver(
          envelope(second), state, ResourceSaver.SeenVia.ENGINE_PROBE, "engine /_ping");
    }

    AptStall apt(long second, long lastProgress, AptStall.Phase phase) {
      return new AptStall(
          envelope(second),
          phase,
          "apt-get update",
          START.plusSeconds(lastProgress),
          second - lastProgress,
          "Reading package lists...");
    }

    HungTask hungTask(long second) {
      return SampleTelemetry.hungTask(envelope(second));
    }
  }
}
