package dev.stallwatch.server.alerting;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code stallwatch.alerts} and hands each alert, with its incident, to the sinks.
 *
 * <p>It assigns itself every partition, with no consumer group and no committed offsets: alerts are
 * read from the end as of the start, and the incidents (a compacted topic) from the beginning, so
 * an alert that fires later finds its incident's context. Alerts still active at a restart are not
 * re-sent by this feed; Alertmanager keeps them for its resolve_timeout and the analyzer's next
 * change resends them. An alert whose incident has not arrived yet waits up to {@link #HOLD}.
 */
public final class AlertFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
  static final Duration HOLD = Duration.ofSeconds(5);
  private static final int MAX_INCIDENTS = 20_000;

  private final Map<String, Object> clientConfig;
  private final Consumer<AlertNotice> sink;
  private final Thread thread;
  private final Map<String, Incident> incidents =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Incident> eldest) {
          return size() > MAX_INCIDENTS;
        }
      };
  private final List<Map.Entry<Alert, Instant>> waiting = new ArrayList<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean closed;

  public AlertFeed(Map<String, Object> clientConfig, Consumer<AlertNotice> sink) {
    this.clientConfig = clientConfig;
    this.sink = sink;
    this.thread = Thread.ofPlatform().name("alert-feed").daemon().unstarted(this::run);
  }

  public void start() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config);
    // Until the thread runs, close() closes the consumer itself (a failed start must not leak it).
    List<TopicPartition> alerts = partitions(Topics.ALERTS.name());
    List<TopicPartition> incidentPartitions = partitions(Topics.INCIDENTS.name());
    List<TopicPartition> all = new ArrayList<>(alerts);
    all.addAll(incidentPartitions);
    consumer.assign(all);
    consumer.seekToEnd(alerts);
    alerts.forEach(consumer::position); // fixes "the end" now, not at the first poll
    consumer.seekToBeginning(incidentPartitions);
    thread.start();
  }

  private List<TopicPartition> partitions(String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private void run() {
    try {
      while (!closed) {
        List<Alert> arrived = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          read(record, arrived);
        }
        Instant now = Instant.now();
        arrived.forEach(a -> waiting.add(Map.entry(a, now.plus(HOLD))));
        release(now);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("the alert feed stopped; no more alerts will be sent", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void read(ConsumerRecord<String, byte[]> record, List<Alert> arrived) {
    try {
      if (record.topic().equals(Topics.INCIDENTS.name())) {
        if (record.value() == null) {
          incidents.remove(record.key());
        } else {
          Incident incident =
              Topics.INCIDENTS
                  .valueSerde()
                  .deserializer()
                  .deserialize(record.topic(), record.value());
          incidents.put(incident.id(), incident);
        }
      } else if (record.value() != null) {
        arrived.add(
            Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "skipped an unreadable record at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  /** Alerts in arrival order: each once its incident is known or its hold is over. */
  private void release(Instant now) {
    for (Iterator<Map.Entry<Alert, Instant>> it = waiting.iterator(); it.hasNext(); ) {
      Map.Entry<Alert, Instant> entry = it.next();
      Alert alert = entry.getKey();
      Incident incident = alert.incidentId() == null ? null : incidents.get(alert.incidentId());
      if (incident == null && now.isBefore(entry.getValue())) {
        break; // keep the order: later alerts of the same host must not overtake this one
      }
      it.remove();
      try {
        sink.accept(new AlertNotice(alert, incident));
      } catch (RuntimeException e) {
        LOG.warn("could not queue alert {}: {}", alert.fingerprint(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null && thread.getState() == Thread.State.NEW) {
      c.close(Duration.ofSeconds(5));
      return;
    }
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
