package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.IncidentIndexer;
import dev.stallwatch.server.progress.KafkaProgress;
import dev.stallwatch.streams.Analyzer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code /metrics} shows events in, the analyzer's lag and the search index's lag, read from a real
 * KRaft broker: telemetry produced as collectors do, offsets committed under the analyzer's group
 * id, incidents written in transactions as the exactly-once analyzer writes them.
 */
class KafkaProgressIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static EmbeddedKafkaKraftBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = new EmbeddedKafkaKraftBroker(1, 3);
    // Transactions need their log, which defaults to three replicas.
    broker.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1"));
    broker.afterPropertiesSet();
    broker.addTopics(newTopic(Topics.TELEMETRY), newTopic(Topics.INCIDENTS));
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @Test
  void shouldShowEventsInAndTheAnalyzersLagBehindThem() throws Exception {
    // 4 heartbeats into partition 0, 3 into 1 and 3 into 2.
    sendHeartbeats(0, 4);
    sendHeartbeats(1, 3);
    sendHeartbeats(2, 3);
    try (RunningDashboard dashboard = new RunningDashboard(List.of());
        KafkaProgress progress = progress(Map::of)) {
      progress.bindTo(dashboard.server().metrics().registry());
      progress.start();

      awaitMetrics(dashboard, "stallwatch_events_in_total 10.0");
      assertThat(metrics(dashboard))
          .as("no offsets committed by the analyzer yet")
          .contains("stallwatch_analyzer_lag_records NaN");

      // The analyzer read all of partition 0 and one record of partition 1, none of partition 2.
      commitAsAnalyzer(Map.of(telemetry(0), 4L, telemetry(1), 1L));
      awaitMetrics(dashboard, "stallwatch_analyzer_lag_records 5.0");

      sendHeartbeats(2, 2);
      awaitMetrics(dashboard, "stallwatch_events_in_total 12.0");
      awaitMetrics(dashboard, "stallwatch_analyzer_lag_records 7.0");
      // Nothing more arrives: the rate over the next interval is zero.
      awaitMetrics(dashboard, "stallwatch_events_in_per_second 0.0");
      assertThat(metrics(dashboard)).contains("stallwatch_kafka_sample_age_seconds ");
    }
  }

  @Test
  void shouldShowTheIndexLagUntilTheIndexerHasCaughtUp() throws Exception {
    List<Incident> incidents =
        List.of(
            TestIncidents.aptHang(),
            TestIncidents.terminalFailure(),
            TestIncidents.hostileLogLine());
    sendIncidentsInOneTransaction(incidents);
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IncidentIndex index = new IncidentIndex(directory);
        IncidentIndexer indexer =
            new IncidentIndexer(Map.of("bootstrap.servers", broker.getBrokersAsString()), index);
        RunningDashboard dashboard = new RunningDashboard(List.of());
        KafkaProgress progress = progress(indexer::positions)) {
      progress.bindTo(dashboard.server().metrics().registry());
      progress.start();
      // Lag counts offsets, as Kafka's own tools do: the transaction's commit marker takes one.
      awaitMetrics(dashboard, "stallwatch_index_lag_records " + (incidents.size() + 1) + ".0");

      indexer.start();

      // A caught-up indexer is past the marker too.
      awaitMetrics(dashboard, "stallwatch_index_lag_records 0.0");
      assertThat(index.count()).isEqualTo(incidents.size());
    }
  }

  private static KafkaProgress progress(Supplier<Map<TopicPartition, Long>> indexPositions) {
    return new KafkaProgress(
        Map.of("bootstrap.servers", broker.getBrokersAsString(), "client.id", "progress-it"),
        Analyzer.DEFAULT_APPLICATION_ID,
        indexPositions,
        INTERVAL);
  }

  private static void awaitMetrics(RunningDashboard dashboard, String line) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(metrics(dashboard)).contains("\n" + line + "\n"));
  }

  private static String metrics(RunningDashboard dashboard) throws Exception {
    return dashboard.get("/metrics").body();
  }

  private static void sendHeartbeats(int partition, int count) throws Exception {
    Topic<String, TelemetryEvent> topic = Topics.TELEMETRY;
    try (KafkaProducer<String, TelemetryEvent> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (int seq = 0; seq < count; seq++) {
        String host = "wsl-laptop-" + partition;
        Envelope envelope = new Envelope(1, host, Instant.now(), seq, UUID.randomUUID().toString());
        producer
            .send(
                new ProducerRecord<>(
                    topic.name(), partition, host, new Heartbeat(envelope, Map.of(), 0, 0)))
            .get(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void sendIncidentsInOneTransaction(List<Incident> incidents) {
    Topic<String, Incident> topic = Topics.INCIDENTS;
    try (KafkaProducer<String, Incident> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "progress-it-incidents"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      // All in partition 0, so the lag before indexing is exactly the incidents' count.
      incidents.forEach(i -> producer.send(new ProducerRecord<>(topic.name(), 0, i.id(), i)));
      producer.commitTransaction();
    }
  }

  private static void commitAsAnalyzer(Map<TopicPartition, Long> offsets) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
      Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
      offsets.forEach((p, offset) -> commits.put(p, new OffsetAndMetadata(offset)));
      admin
          .alterConsumerGroupOffsets(Analyzer.DEFAULT_APPLICATION_ID, commits)
          .all()
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static TopicPartition telemetry(int partition) {
    return new TopicPartition(Topics.TELEMETRY.name(), partition);
  }

  private static NewTopic newTopic(Topic<?, ?> topic) {
    return new NewTopic(topic.name(), 3, (short) 1).configs(topic.config());
  }
}
