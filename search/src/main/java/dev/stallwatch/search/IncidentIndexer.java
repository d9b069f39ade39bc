package dev.stallwatch.search;

import dev.stallwatch.model.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link IncidentIndex} equal to {@code stallwatch.incidents} (key = incident id, value =
 * the incident's latest version as JSON, null = deleted). The topic is the source of truth: the
 * indexer assigns itself every partition, with no consumer group, and reads each from the offset
 * the index's last commit reflects ({@link IncidentIndex#checkpoint()}), or from the beginning when
 * the index has none. It then follows the topic, refreshing the index after every batch and
 * committing it with the next offsets every {@value #DEFAULT_COMMIT_SECONDS} s and at close, so a
 * restart resumes instead of rebuilding. A checkpoint past the end of a partition (the topic was
 * deleted and created again) makes it drop every incident and rebuild. Partitions added to the
 * topic later are picked up within a minute (twice the partition check interval: the list is
 * checked every 30 s, from metadata at most 30 s old).
 *
 * <p>Values are read as bytes and deserialized here, so a record that cannot be read is logged with
 * topic, partition and offset and skipped instead of stopping the consumer.
 */
public final class IncidentIndexer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentIndexer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration DEFAULT_PARTITION_CHECK = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  static final int DEFAULT_COMMIT_SECONDS = 10;

  private final Map<String, Object> consumerConfig;
  private final IncidentIndex index;
  private final String topic;
  private final Duration partitionCheck;
  private final IncidentRecords records;
  private final IncidentPartitions partitions;
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final CatchUpTracker catchUp = new CatchUpTracker();
  private final Duration commitInterval;
  // Written by the indexer thread after every batch, read by close() once it stopped.
  private volatile Map<String, String> positions = Map.of();
  // Written by the indexer thread after every batch, read by metrics at any time.
  private volatile Map<TopicPartition, Long> nextOffsets = Map.of();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  /**
   * An indexer, not yet started, of {@code stallwatch.incidents} into {@code index}.
   *
   * @param consumerConfig Kafka consumer settings: {@code bootstrap.servers} and any security
   *     settings. Deserializers, {@code group.id} and offset commits are the indexer's own.
   * @param index where incidents go; it stays the caller's to close, after this indexer
   */
  public IncidentIndexer(Map<String, Object> consumerConfig, IncidentIndex index) {
    this(
        consumerConfig,
        index,
        Topics.INCIDENTS.name(),
        DEFAULT_PARTITION_CHECK,
        Duration.ofSeconds(DEFAULT_COMMIT_SECONDS));
  }

  IncidentIndexer(
      Map<String, Object> consumerConfig,
      IncidentIndex index,
      String topic,
      Duration partitionCheck,
      Duration commitInterval) {
    this.commitInterval = commitInterval;
    this.index = Objects.requireNonNull(index, "index");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.partitionCheck = partitionCheck;
    this.consumerConfig = indexerConfig(consumerConfig, partitionCheck);
    this.records = new IncidentRecords(index);
    this.partitions = new IncidentPartitions(this.topic, index, catchUp);
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

  /**
   * How far the indexer got through what the topic held when its partitions were assigned: a
   * rebuild (or the catch-up after a restart) is done when {@link CatchUp#done()}.
   */
  public CatchUp catchUp() {
    Thread running;
    synchronized (this) {
      running = thread;
    }
    return catchUp.snapshot(running != null && !running.isAlive());
  }

  /**
   * The next offset to read of each partition of the topic the indexer reads, as of its last batch:
   * how far the index got. Empty until partitions are assigned; partitions added to the topic later
   * appear once the indexer assigns them. It stops moving when the indexer stops.
   */
  public Map<TopicPartition, Long> positions() {
    return nextOffsets;
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
    if (positions.isEmpty()) {
      index.commit();
    } else {
      index.commit(positions);
    }
  }

  private void run() {
    try (KafkaConsumer<byte[], byte[]> c = consumer) {
      long nextCheck = System.nanoTime();
      long nextCommit = System.nanoTime() + commitInterval.toNanos();
      while (stopping.getCount() > 0) {
        if (System.nanoTime() - nextCheck >= 0) {
          boolean assigned = partitions.assignNew(c);
          // Until the topic shows up, look again soon rather than after a full interval.
          Duration wait = assigned ? partitionCheck : POLL_TIMEOUT;
          nextCheck = System.nanoTime() + wait.toNanos();
        }
        if (c.assignment().isEmpty()) {
          stopping.await(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          apply(c.poll(POLL_TIMEOUT));
          nextOffsets = IncidentPartitions.nextOffsets(c);
          positions = IncidentPartitions.checkpointOf(nextOffsets);
          catchUp.advance(c);
          if (System.nanoTime() - nextCommit >= 0) {
            index.commit(positions);
            nextCommit = System.nanoTime() + commitInterval.toNanos();
          }
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
