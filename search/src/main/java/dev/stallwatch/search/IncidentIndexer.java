package dev.stallwatch.search;

import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link IncidentIndex} equal to {@code stallwatch.incidents} (key = incident id, value =
 * the incident's latest version as JSON, null = deleted). The topic is the source of truth: at
 * start the indexer assigns itself every partition, with no consumer group and no committed
 * offsets, reads each from the beginning, and then follows it, refreshing the index after every
 * batch. Partitions added to the topic later are picked up within a minute (twice the partition
 * check interval: the list is checked every 30 s, from metadata at most 30 s old).
 *
 * <p>Values are read as bytes and deserialized here, so a record that cannot be read is logged with
 * topic, partition and offset and skipped instead of stopping the consumer.
 */
public final class IncidentIndexer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentIndexer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration DEFAULT_PARTITION_CHECK = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> consumerConfig;
  private final IncidentIndex index;
  private final String topic;
  private final Duration partitionCheck;
  private final IncidentRecords records;
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;
  // Touched by the indexer thread only.
  private boolean reportedMissingTopic;

  /**
   * An indexer, not yet started, of {@code stallwatch.incidents} into {@code index}.
   *
   * @param consumerConfig Kafka consumer settings: {@code bootstrap.servers} and any security
   *     settings. Deserializers, {@code group.id} and offset commits are the indexer's own.
   * @param index where incidents go; it stays the caller's to close, after this indexer
   */
  public IncidentIndexer(Map<String, Object> consumerConfig, IncidentIndex index) {
    this(consumerConfig, index, Topics.INCIDENTS.name(), DEFAULT_PARTITION_CHECK);
  }

  IncidentIndexer(
      Map<String, Object> consumerConfig,
      IncidentIndex index,
      String topic,
      Duration partitionCheck) {
    this.index = Objects.requireNonNull(index, "index");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.partitionCheck = partitionCheck;
    this.consumerConfig = indexerConfig(consumerConfig, partitionCheck);
    this.records = new IncidentRecords(index);
  }

  private static Map<String, Object> indexerConfig(Map<String, Object> given, Duration check) {
    Map<String, Object> config = new HashMap<>(given);
    // Every instance reads every partition itself: no group, nothing to commit.
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Never create the incidents topic by accident: only its owner knows it must be compacted.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // The topology may publish with exactly-once; versions of aborted transactions never happened.
    config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // The partition list comes from cached metadata, so refresh it as often as it is checked.
    config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) check.toMillis());
    return config;
  }

  /**
   * Starts reading on the thread {@code stallwatch-incident-indexer}.
   *
   * @throws org.apache.kafka.common.KafkaException if the consumer settings are invalid
   */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the incident indexer was already started");
    }
    consumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // Daemon: a forgotten close must not keep the JVM alive; the index is rebuilt at start anyway.
    thread =
        Thread.ofPlatform().name("stallwatch-incident-indexer").daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Records applied to the index so far: incident versions upserted and tombstones applied. */
  public long indexedCount() {
    return indexed.get();
  }

  /** Records that could not be read or indexed and were skipped. */
  public long skippedCount() {
    return skipped.get();
  }

  /** Stops reading, waits for the current batch to finish, and commits the index. */
  @Override
  public void close() {
    stopping.countDown();
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      awaitStop(running);
    }
    index.commit();
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = consumer) {
      long nextCheck = System.nanoTime();
      while (stopping.getCount() > 0) {
        if (System.nanoTime() - nextCheck >= 0) {
          boolean assigned = assignNewPartitions(c);
          // Until the topic shows up, look again soon rather than after a full interval.
          Duration wait = assigned ? partitionCheck : POLL_TIMEOUT;
          nextCheck = System.nanoTime() + wait.toNanos();
        }
        if (c.assignment().isEmpty()) {
          stopping.await(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          apply(c.poll(POLL_TIMEOUT));
        }
      }
    } catch (WakeupException e) {
      LOG.debug("incident indexer woken up to stop");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("incident indexer stopped: the index no longer follows {}", topic, e);
    }
  }

  /** Assigns partitions not yet assigned, from their beginning; true if any are assigned. */
  private boolean assignNewPartitions(KafkaConsumer<byte[], byte[]> c) {
    List<PartitionInfo> infos;
    try {
      infos = c.partitionsFor(topic);
    } catch (TimeoutException e) {
      LOG.warn("cannot list the partitions of {} yet: {}", topic, e.getMessage());
      return !c.assignment().isEmpty();
    }
    Set<TopicPartition> all = new HashSet<>(c.assignment());
    Set<TopicPartition> added = new HashSet<>();
    for (PartitionInfo info : infos) {
      TopicPartition partition = new TopicPartition(info.topic(), info.partition());
      if (all.add(partition)) {
        added.add(partition);
      }
    }
    if (!added.isEmpty()) {
      c.assign(all);
      c.seekToBeginning(added);
      LOG.info("indexing {} from the beginning of {}", topic, added);
    } else if (all.isEmpty() && !reportedMissingTopic) {
      // Once: the indexer looks again every half second until the topic exists.
      LOG.info("waiting for topic {} to exist", topic);
      reportedMissingTopic = true;
    }
    return !all.isEmpty();
  }

  private void apply(ConsumerRecords<byte[], byte[]> batch) {
    long applied = 0;
    long bad = 0;
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      if (records.apply(record) == IncidentRecords.Outcome.SKIPPED) {
        bad++;
      } else {
        applied++;
      }
    }
    if (applied > 0) {
      index.refresh();
    }
    // Counted once searchable, so a caller that sees the count also sees the incidents.
    indexed.addAndGet(applied);
    skipped.addAndGet(bad);
  }

  private void awaitStop(Thread running) {
    try {
      if (!running.join(STOP_TIMEOUT)) {
        LOG.warn("incident indexer did not stop within {}", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
