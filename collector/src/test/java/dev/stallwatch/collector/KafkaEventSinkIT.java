package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Heartbeat.SourceHealth;
import dev.stallwatch.model.event.Heartbeat.SourceHealth.Status;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The sink against a real single-node KRaft broker. */
class KafkaEventSinkIT {

  private static final Instant TS = Instant.parse("2023-11-14T23:40:34.567890Z");
  private static EmbeddedKafkaKraftBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = new EmbeddedKafkaKraftBroker(1, 2, Topics.TELEMETRY.name());
    broker.afterPropertiesSet();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.destroy();
    }
  }

  @Test
  void shouldDeliverEventsKeyedByHostThatDecodeToWhatWasSent() {
    EnvelopeFactory hostA = new EnvelopeFactory("host-a", 0);
    EnvelopeFactory hostB = new EnvelopeFactory("host-b", 500);
    List<TelemetryEvent> sent =
        List.of(
            new HungTask(
                hostA.next(TS),
                "apt-get",
                4711,
                120,
                "INFO: task apt-get:4711 blocked for more than 120 seconds."),
            memory(hostA.next(TS.plusSeconds(5))),
            new Heartbeat(
                hostB.next(TS.plusSeconds(10)),
                Map.of(
                    "meminfo", new SourceHealth(Status.OK, null),
                    "kmsg", new SourceHealth(Status.FAILING, "AccessDeniedException: /dev/kmsg")),
                0,
                0),
            memory(hostB.next(TS.plusSeconds(11))));

    KafkaEventSink sink =
        // 10 s for the first metadata: the collector's 500 ms is too short on a loaded build box.
        new KafkaEventSink(
            Map.of("bootstrap.servers", broker.getBrokersAsString(), "max.block.ms", 10_000));
    try (sink) {
      sent.forEach(sink::emit);
    }

    assertThat(sink.sentCount()).isEqualTo(sent.size());
    assertThat(sink.failedCount()).isZero();
    List<ConsumerRecord<String, byte[]>> received = consume(sent.size());
    assertThat(received).allMatch(r -> r.topic().equals("stallwatch.telemetry"));
    assertThat(received)
        .allSatisfy(r -> assertThat(r.key()).isEqualTo(TelemetryCodec.fromBytes(r.value()).host()));
    assertThat(received.stream().map(r -> TelemetryCodec.fromBytes(r.value())).toList())
        .containsExactlyInAnyOrderElementsOf(sent);
    assertThat(received.stream().filter(r -> r.key().equals("host-a")).map(r -> r.partition()))
        .as("one host's events share a partition, so they stay in order")
        .containsOnly(
            received.stream()
                .filter(r -> r.key().equals("host-a"))
                .findFirst()
                .orElseThrow()
                .partition());
  }

  private static Memory memory(Envelope envelope) {
    return new Memory(
        envelope,
        16318412L,
        13920848L,
        15354620L,
        67412L,
        1578260L,
        84L,
        0L,
        4194304L,
        4194304L,
        3356L,
        123556L,
        1937833984L,
        Map.of("anon", 303923200L, "file_dirty", 86016L));
  }

  private static List<ConsumerRecord<String, byte[]>> consume(int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
            ConsumerConfig.GROUP_ID_CONFIG, "kafka-event-sink-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TELEMETRY.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
