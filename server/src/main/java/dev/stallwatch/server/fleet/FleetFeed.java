package dev.stallwatch.server.fleet;

import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the fleet into a {@link FleetView}: {@code stallwatch.hosts}, {@code stallwatch.cohorts}
 * and {@code stallwatch.mitigations} (compacted, key = host id, cohort key, mitigation kind; JSON)
 * from the beginning, and {@code stallwatch.telemetry} (key = host id, the telemetry wire format)
 * from {@link HostHistory#SPAN_MILLIS} back, found by timestamp, into each host's history.
 *
 * <p>Like the team feed it assigns itself every partition, with no consumer group and no committed
 * offsets: each server reads all of it. An unreadable record costs that record only: it is counted
 * ({@link FleetView#skippedRecords()}) and the feed reads on. Host changes are not published to the
 * event stream here: the team feed already does.
 */
public final class FleetFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FleetFeed.class);
  private static final List<Topic<String, ?>> FROM_START =
      List.of(Topics.HOSTS, Topics.COHORTS, Topics.MITIGATIONS);

  /** Warn about the first unreadable record, then once per this many, not once per record. */
  private static final long WARN_EVERY = 1000;

  private final Map<String, Object> clientConfig;
  private final FleetView fleet;
  private final Clock clock;
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean closed;

  public FleetFeed(Map<String, Object> clientConfig, FleetView fleet, Clock clock) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.fleet = fleet;
    this.clock = clock;
    this.thread = Thread.ofPlatform().name("fleet-feed").daemon().unstarted(this::run);
  }

  public void start() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config);
    // Until the thread runs, close() closes the consumer itself (a failed start must not leak it).
    List<TopicPartition> fromStart = new ArrayList<>();
    FROM_START.forEach(topic -> fromStart.addAll(partitions(topic.name())));
    List<TopicPartition> telemetry = partitions(Topics.TELEMETRY.name());
    List<TopicPartition> all = new ArrayList<>(fromStart);
    all.addAll(telemetry);
    consumer.assign(all);
    consumer.seekToBeginning(fromStart);
    seekToDayBack(telemetry);
    endAtStart.putAll(consumer.endOffsets(all, Duration.ofSeconds(30)));
    thread.start();
  }

  /** Telemetry from the first record of the history's span on; a partition without any, its end. */
  private void seekToDayBack(List<TopicPartition> telemetry) {
    long since = clock.millis() - HostHistory.SPAN_MILLIS;
    Map<TopicPartition, Long> times = new HashMap<>();
    telemetry.forEach(p -> times.put(p, since));
    Map<TopicPartition, OffsetAndTimestamp> found =
        consumer.offsetsForTimes(times, Duration.ofSeconds(30));
    List<TopicPartition> none = new ArrayList<>();
    for (TopicPartition partition : telemetry) {
      OffsetAndTimestamp offset = found.get(partition);
      if (offset == null) {
        none.add(partition);
      } else {
        consumer.seek(partition, offset.offset());
      }
    }
    consumer.seekToEnd(none);
    none.forEach(consumer::position); // fixes "the end" now, not at the first poll
  }

  /** Completes once everything on the topics as of the start has been read. */
  public CompletableFuture<Void> caughtUp() {
    return caughtUp;
  }

  private List<TopicPartition> partitions(String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private void run() {
    try {
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          read(record);
        }
        if (!caughtUp.isDone() && readToStartEnd()) {
          caughtUp.complete(null);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("the fleet feed stopped; hosts, cohorts and host timelines no longer update", e);
      caughtUp.completeExceptionally(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean readToStartEnd() {
    return endAtStart.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void read(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return; // nothing stallwatch writes is deleted by tombstone
    }
    try {
      dispatch(record);
    } catch (RuntimeException e) {
      fleet.skipped();
      long skipped = fleet.skippedRecords();
      if (skipped == 1 || skipped % WARN_EVERY == 0) {
        LOG.warn(
            "skipped an unreadable record at {}-{}@{} ({} skipped so far): {}",
            record.topic(),
            record.partition(),
            record.offset(),
            skipped,
            e.getMessage());
      }
    }
  }

  private void dispatch(ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    if (topic.equals(Topics.TELEMETRY.name())) {
      fleet.record(value(Topics.TELEMETRY, record));
    } else if (topic.equals(Topics.HOSTS.name())) {
      fleet.apply(value(Topics.HOSTS, record));
    } else if (topic.equals(Topics.COHORTS.name())) {
      fleet.apply(value(Topics.COHORTS, record));
    } else if (topic.equals(Topics.MITIGATIONS.name())) {
      fleet.apply(value(Topics.MITIGATIONS, record));
    }
  }

  private static <V> V value(Topic<String, V> topic, ConsumerRecord<String, byte[]> record) {
    V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    if (value == null) {
      throw new IllegalArgumentException("the record holds no value");
    }
    return value;
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
