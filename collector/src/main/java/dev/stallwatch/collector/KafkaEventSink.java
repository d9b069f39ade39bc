package dev.stallwatch.collector;

import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to {@code stallwatch.telemetry}, key = host id, value = wire JSON, through an
 * idempotent producer. Sends are asynchronous and {@code max.block.ms} is small, so a missing
 * broker costs a sampling thread at most that long per event; failures are counted and logged.
 */
public final class KafkaEventSink implements EventSink {

  /** Default for {@code max.block.ms}: how long {@link #emit} may wait for metadata or buffer. */
  public static final Duration DEFAULT_MAX_BLOCK = Duration.ofMillis(500);

  /** Default time {@link #close} waits for pending sends. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);
  private static final Topic<String, TelemetryEvent> TOPIC = Topics.TELEMETRY;
  // Log the first failure of a streak and then only every this many, so a dead broker
  // does not flood the log with one line per event.
  private static final long LOG_EVERY = 1000;

  private final Producer<String, TelemetryEvent> producer;
  private final Duration closeTimeout;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong failureStreak = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param producerConfig Kafka producer settings; must name {@code bootstrap.servers}. The sink
   *     sets the serializers and {@code enable.idempotence=true}, {@code acks=all}, and defaults
   *     {@code max.block.ms} to {@link #DEFAULT_MAX_BLOCK}.
   * @throws IllegalArgumentException when the config lacks servers or contradicts idempotence
   */
  public KafkaEventSink(Map<String, Object> producerConfig) {
    this(producerConfig, DEFAULT_CLOSE_TIMEOUT);
  }

  /** As {@link #KafkaEventSink(Map)}, with the time {@link #close} waits for pending sends. */
  public KafkaEventSink(Map<String, Object> producerConfig, Duration closeTimeout) {
    this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    this.producer =
        new KafkaProducer<>(
            effectiveConfig(producerConfig),
            TOPIC.keySerde().serializer(),
            TOPIC.valueSerde().serializer());
  }

  /** The settings the producer runs with: the caller's, plus what delivery here relies on. */
  static Map<String, Object> effectiveConfig(Map<String, Object> producerConfig) {
    Objects.requireNonNull(producerConfig, "producerConfig");
    Object servers = producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || servers.toString().isBlank()) {
      throw new IllegalArgumentException("producer config must set bootstrap.servers");
    }
    Map<String, Object> config = new HashMap<>(producerConfig);
    require(config, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    require(config, ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK.toMillis());
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    return config;
  }

  private static void require(Map<String, Object> config, String key, String value) {
    Object given = config.putIfAbsent(key, value);
    if (given != null && !given.toString().equalsIgnoreCase(value)) {
      throw new IllegalArgumentException(
          "KafkaEventSink needs %s=%s, the config says %s".formatted(key, value, given));
    }
  }

  @Override
  public void emit(TelemetryEvent event) {
    Objects.requireNonNull(event, "event");
    ProducerRecord<String, TelemetryEvent> record =
        new ProducerRecord<>(TOPIC.name(), event.host(), event);
    try {
      producer.send(record, (metadata, error) -> completed(event, metadata, error));
    } catch (RuntimeException e) {
      // Thrown only when the callback is not called: producer closed, interrupted, fatal error.
      completed(event, null, e);
    }
  }

  private void completed(TelemetryEvent event, RecordMetadata metadata, Exception error) {
    if (error == null) {
      sent.incrementAndGet();
      long streak = failureStreak.getAndSet(0);
      if (streak > 0) {
        LOG.info("Kafka sends work again after {} failed", streak);
      }
      return;
    }
    long total = failed.incrementAndGet();
    long streak = failureStreak.incrementAndGet();
    if (streak == 1 || streak % LOG_EVERY == 0) {
      LOG.warn(
          "cannot send {} event seq {} to {} ({} failed so far): {}",
          event.type(),
          event.envelope().seq(),
          TOPIC.name(),
          total,
          error.toString());
    }
  }

  /** Events the broker acknowledged. */
  public long sentCount() {
    return sent.get();
  }

  /** Events that could not be sent: broker unreachable, timed out, or emitted after close. */
  @Override
  public long failedCount() {
    return failed.get();
  }

  /** Waits up to the close timeout for pending sends, then closes the producer. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      producer.close(closeTimeout);
    }
  }
}
