package dev.stallwatch.app;

import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads everything on stallwatch.telemetry so far, for tests of the collector's delivery. */
final class TelemetryReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TelemetryEvent> events = new ArrayList<>();

  TelemetryReader(String bootstrap) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "telemetry-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.TELEMETRY.name()));
  }

  /** Everything read so far, after one more poll. */
  List<TelemetryEvent> poll() {
    consumer
        .poll(Duration.ofMillis(500))
        .forEach(record -> events.add(TelemetryCodec.fromBytes(record.value())));
    return List.copyOf(events);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
