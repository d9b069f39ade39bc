package dev.stallwatch.server.team;

import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records changes on their compacted topics and waits for the brokers to acknowledge them, so a
 * change the API confirmed survives this server. It is then applied here at once; the other servers
 * get it from the topic.
 */
public final class KafkaTeamLog implements TeamLog, AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(10);

  private final KafkaProducer<String, byte[]> producer;
  private final TeamState state;

  public KafkaTeamLog(Map<String, Object> clientConfig, TeamState state) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis() / 2);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, WAIT.toMillis());
    this.producer = new KafkaProducer<>(config);
    this.state = state;
  }

  @Override
  public void record(Silence silence) {
    store(Topics.SILENCES, silence.id(), silence, state::apply, "the silence");
  }

  @Override
  public void record(IncidentAction action) {
    store(Topics.INCIDENT_ACTIONS, action.key(), action, state::apply, "the change");
  }

  @Override
  public void record(AuditEntry entry) {
    store(Topics.AUDIT, entry.actor(), entry, state::apply, "the audit entry");
  }

  private <V> void store(
      Topic<String, V> topic, String key, V value, Consumer<V> apply, String what) {
    byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    try {
      producer
          .send(new ProducerRecord<>(topic.name(), key, bytes))
          .get(WAIT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TeamLogException("Interrupted before " + what + " was stored.", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new TeamLogException(
          "Kafka did not store %s within %d s, so it was not made; try again when Kafka is back."
              .formatted(what, WAIT.toSeconds()),
          e);
    }
    apply.accept(value);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
