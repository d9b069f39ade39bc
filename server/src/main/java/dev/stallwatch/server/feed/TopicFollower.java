package dev.stallwatch.server.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * One thread that reads whole topics into a server's memory. It assigns itself every partition,
 * with no consumer group and no committed offsets, so each server reads all of it; it reads what
 * transactions committed only. A record is {@code live} when it lies at or past its partition's end
 * as of the start: before that it is state, after it news. A tombstone is skipped: nothing
 * stallwatch writes is deleted by one.
 */
public final class TopicFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** What the follower hands its records to, on its thread. */
  public interface Reader {

    /**
     * One record with a value. An exception stops the follower: a reader that can skip a record
     * catches what reading it throws.
     *
     * @param live whether it came after its partition's end as of the start
     */
    void read(ConsumerRecord<String, byte[]> record, boolean live);

    /** After the records of each poll, also when there were none. */
    default void polled() {}
  }

  private final Map<String, Object> clientConfig;
  private final Map<String, StartAt> topics;
  private final Reader reader;
  private final String stopped;
  private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
  private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  private final Thread thread;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean closed;

  /**
   * @param name the thread's name
   * @param topics each topic read, with where it starts, in the order to assign them
   * @param stopped what the log says when the follower fails, e.g. "the fleet feed stopped; ..."
   */
  public TopicFollower(
      String name,
      Map<String, Object> clientConfig,
      Map<String, StartAt> topics,
      Reader reader,
      String stopped) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topics = new LinkedHashMap<>(topics);
    this.reader = reader;
    this.stopped = stopped;
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
  }

  public void start() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(config);
    // Until the thread runs, close() closes the consumer itself (a failed start must not leak it).
    Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
    topics.keySet().forEach(topic -> partitions.put(topic, partitions(topic)));
    List<TopicPartition> all = new ArrayList<>();
    partitions.values().forEach(all::addAll);
    consumer.assign(all);
    partitions.forEach((topic, ofTopic) -> seek(ofTopic, topics.get(topic)));
    endAtStart.putAll(consumer.endOffsets(all, WAIT));
    thread.start();
  }

  /** Completes once everything on the topics as of the start has been read. */
  public CompletableFuture<Void> caughtUp() {
    return caughtUp;
  }

  private List<TopicPartition> partitions(String topic) {
    return consumer.partitionsFor(topic, WAIT).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private void seek(List<TopicPartition> partitions, StartAt start) {
    switch (start) {
      case StartAt.Beginning b -> consumer.seekToBeginning(partitions);
      case StartAt.End e -> seekToEnd(partitions);
      case StartAt.Time time -> seekToTime(partitions, time.epochMillis());
    }
  }

  private void seekToEnd(List<TopicPartition> partitions) {
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fixes "the end" now, not at the first poll
  }

  private void seekToTime(List<TopicPartition> partitions, long epochMillis) {
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(p -> times.put(p, epochMillis));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, WAIT);
    List<TopicPartition> none = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = found.get(partition);
      if (offset == null) {
        none.add(partition);
      } else {
        consumer.seek(partition, offset.offset());
      }
    }
    seekToEnd(none);
  }

  private void run() {
    try {
      while (!closed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          if (record.value() != null) {
            reader.read(record, isLive(record));
          }
        }
        reader.polled();
        if (!caughtUp.isDone() && readToStartEnd()) {
          caughtUp.complete(null);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error(stopped, e);
      caughtUp.completeExceptionally(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean isLive(ConsumerRecord<String, byte[]> record) {
    Long end = endAtStart.get(new TopicPartition(record.topic(), record.partition()));
    return end == null || record.offset() >= end;
  }

  private boolean readToStartEnd() {
    return endAtStart.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
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
