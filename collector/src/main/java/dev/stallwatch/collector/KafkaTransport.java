package dev.stallwatch.collector;

import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends spooled records to {@code stallwatch.telemetry} (key = host id, value = the wire JSON as
 * spooled) through an idempotent producer with {@code acks=all}. After a failed batch the producer
 * is replaced, so a producer left in an error state never holds delivery up; the batch is then sent
 * again from the spool, and downstream drops the duplicate ids that may cause.
 */
final class KafkaTransport implements EventTransport {

  private static final long ACK_WAIT_MS = 45_000;

  private final Map<String, Object> config;
  private Producer<String, byte[]> producer;

  /**
   * @param producerConfig must name {@code bootstrap.servers}; idempotence and {@code acks=all} are
   *     enforced as in {@link KafkaEventSink#effectiveConfig}
   */
  KafkaTransport(Map<String, Object> producerConfig) {
    Map<String, Object> effective = new HashMap<>(producerConfig);
    effective.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    effective.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    effective.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    effective.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    effective.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
    effective.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    // A collector sends a few KiB a second: a small buffer keeps the heap small, and no JMX
    // metrics keeps some hundred classes and MBeans out of a process that should stay light.
    effective.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 1L << 20);
    effective.putIfAbsent(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    this.config = KafkaEventSink.effectiveConfig(effective);
  }

  @Override
  public void sendAll(List<Spool.Entry> records) throws Exception {
    if (producer == null) {
      producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
    try {
      for (Spool.Entry entry : records) {
        pending.add(
            producer.send(
                new ProducerRecord<>(Topics.TELEMETRY.name(), entry.key(), entry.value())));
      }
      for (Future<RecordMetadata> future : pending) {
        future.get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      closeProducer();
      throw e;
    }
  }

  private void closeProducer() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
