package dev.stallwatch.search;

import static dev.stallwatch.search.SampleIncidents.APT_HANG_ID;
import static dev.stallwatch.search.SampleIncidents.TERMINAL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class IncidentIndexerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static EmbeddedKafkaKraftBroker broker;

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IncidentIndex index = new IncidentIndex(directory);
  private final IndexerLog indexerLog = new IndexerLog();
  private KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void startBroker() {
    broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.afterPropertiesSet();
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @BeforeEach
  void openProducer() {
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  @AfterEach
  void close() throws Exception {
    indexerLog.detach();
    producer.close();
    index.close();
    directory.close();
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
  }

  private void createTopic(String topic, int partitions) {
    broker.addTopics(new NewTopic(topic, partitions, (short) 1).configs(Topics.INCIDENTS.config()));
  }

  private void send(String topic, int partition, String key, byte[] value) throws Exception {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    producer
        .send(new ProducerRecord<>(topic, partition, keyBytes, value))
        .get(10, TimeUnit.SECONDS);
  }

  private void send(String topic, int partition, Incident incident) throws Exception {
    send(
        topic,
        partition,
        incident.id(),
        Topics.INCIDENTS.valueSerde().serializer().serialize(topic, incident));
  }

  @Test
  void rebuildsTheLatestVersionOfEveryIncidentAndSkipsAGarbageRecord() throws Exception {
    String topic = Topics.INCIDENTS.name();
    createTopic(topic, 1);
    send(topic, 0, SampleIncidents.aptHangOnLaptop());
    send(
        topic,
        0,
        APT_HANG_ID,
        "{\"id\": \"inc-dev-laptop-07\", truncated".getBytes(StandardCharsets.UTF_8));

    try (IncidentIndexer indexer = new IncidentIndexer(consumerConfig(), index)) {
      indexer.start();
      // Written before start: read only because the indexer seeks to the beginning.
      await().atMost(PATIENCE).until(() -> indexer.indexedCount() == 1);
      send(topic, 0, SampleIncidents.terminalFailureOnBuildBox());
      send(topic, 0, SampleIncidents.aptHangResolved());

      await().atMost(PATIENCE).until(() -> indexer.indexedCount() == 3);
      assertThat(indexer.skippedCount()).isEqualTo(1);
      // Past all four records, the skipped one included: what /metrics counts the index lag from.
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(indexer.positions())
                      .isEqualTo(Map.of(new TopicPartition(topic, 0), 4L)));
    }

    assertThat(index.count()).isEqualTo(2);
    assertThat(index.get(APT_HANG_ID)).contains(SampleIncidents.aptHangResolved());
    assertThat(index.get(TERMINAL_ID)).contains(SampleIncidents.terminalFailureOnBuildBox());
  }

  @Test
  void picksUpPartitionsAddedWhileRunning() throws Exception {
    String topic = "stallwatch.incidents.it-added-partitions";
    createTopic(topic, 1);
    send(topic, 0, SampleIncidents.aptHangOnLaptop());

    try (IncidentIndexer indexer =
        new IncidentIndexer(
            consumerConfig(), index, topic, Duration.ofMillis(500), Duration.ofSeconds(10))) {
      indexer.start();
      await().atMost(PATIENCE).until(() -> indexer.indexedCount() == 1);

      addPartitions(topic, 3);
      send(topic, 2, SampleIncidents.terminalFailureOnBuildBox());

      await().atMost(PATIENCE).until(() -> indexer.indexedCount() == 2);
    }
    assertThat(index.get(TERMINAL_ID)).isPresent();
  }

  @Test
  void waitsForTheTopicToBeCreated() throws Exception {
    String topic = "stallwatch.incidents.it-created-later";

    try (IncidentIndexer indexer =
        new IncidentIndexer(
            consumerConfig(), index, topic, Duration.ofSeconds(30), Duration.ofSeconds(10))) {
      indexer.start();
      await()
          .atMost(PATIENCE)
          .alias("the indexer looked, found no topic and said so")
          .until(() -> indexerLog.messages().contains("waiting for topic " + topic + " to exist"));
      assertThat(broker.getTopics()).doesNotContain(topic);
      assertThat(indexer.positions()).as("nothing assigned without a topic").isEmpty();

      createTopic(topic, 1);
      send(topic, 0, SampleIncidents.aptHangOnLaptop());

      await().atMost(PATIENCE).until(() -> indexer.indexedCount() == 1);
    }
    assertThat(index.get(APT_HANG_ID)).isPresent();
  }

  @Test
  void resumesFromTheIndexCheckpointInsteadOfRebuilding(@TempDir Path dir) throws Exception {
    String topic = "stallwatch.incidents.it-resume";
    createTopic(topic, 1);
    send(topic, 0, SampleIncidents.aptHangOnLaptop());
    send(topic, 0, SampleIncidents.terminalFailureOnBuildBox());
    try (IncidentIndex onDisk = IncidentIndex.open(dir);
        IncidentIndexer first = indexer(onDisk, topic)) {
      first.start();
      await().atMost(PATIENCE).until(() -> first.catchUp().done());
      assertThat(first.catchUp().total()).isEqualTo(2);
    }
    send(topic, 0, SampleIncidents.aptHangResolved());

    try (IncidentIndex reopened = IncidentIndex.open(dir);
        IncidentIndexer second = indexer(reopened, topic)) {
      assertThat(reopened.count()).isEqualTo(2);
      second.start();
      await().atMost(PATIENCE).until(() -> second.catchUp().done());

      // Only the record written while it was down: the two before come from the checkpoint.
      assertThat(second.indexedCount()).isEqualTo(1);
      assertThat(second.catchUp().total()).isEqualTo(1);
      reopened.refresh();
      assertThat(reopened.get(APT_HANG_ID)).contains(SampleIncidents.aptHangResolved());
    }
  }

  @Test
  void rebuildsWhenTheTopicWasRecreatedBehindTheCheckpoint(@TempDir Path dir) throws Exception {
    String topic = "stallwatch.incidents.it-recreated";
    createTopic(topic, 1);
    try (IncidentIndex onDisk = IncidentIndex.open(dir)) {
      onDisk.upsert(SampleIncidents.aptHangOnLaptop());
      onDisk.commit(Map.of(topic + "-0", "57"));
    }
    send(topic, 0, SampleIncidents.terminalFailureOnBuildBox());

    try (IncidentIndex reopened = IncidentIndex.open(dir);
        IncidentIndexer indexer = indexer(reopened, topic)) {
      indexer.start();
      await().atMost(PATIENCE).until(() -> indexer.catchUp().done());

      assertThat(reopened.get(APT_HANG_ID)).as("not on the topic any more").isEmpty();
      assertThat(reopened.get(TERMINAL_ID)).isPresent();
    }
  }

  private IncidentIndexer indexer(IncidentIndex target, String topic) {
    return new IncidentIndexer(
        consumerConfig(), target, topic, Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  /** What the indexer logs while the test runs; it logs from its own thread. */
  private static final class IndexerLog {
    private final Logger logger = (Logger) LoggerFactory.getLogger(IncidentIndexer.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    IndexerLog() {
      appender.start();
      logger.addAppender(appender);
    }

    List<String> messages() {
      // The appender adds under its own lock, so copy the list under the same lock.
      synchronized (appender) {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      }
    }

    void detach() {
      logger.detachAppender(appender);
    }
  }

  private static void addPartitions(String topic, int total) {
    broker.doWithAdmin(
        admin -> {
          try {
            admin
                .createPartitions(Map.of(topic, NewPartitions.increaseTo(total)))
                .all()
                .get(10, TimeUnit.SECONDS);
          } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot add partitions to " + topic, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted adding partitions to " + topic, e);
          }
        });
  }
}
