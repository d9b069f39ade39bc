package dev.stallwatch.search;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions of the incidents topic an {@link IncidentIndexer} reads, and where it reads each
 * from: the offset in the index's checkpoint, or the beginning. A checkpoint past the end of its
 * partition means the topic was recreated, so the index is rebuilt from scratch. Used on the
 * indexer thread only.
 */
final class IncidentPartitions {

  // Logged as the indexer, the name people running stallwatch know.
  private static final Logger LOG = LoggerFactory.getLogger(IncidentIndexer.class);

  private final String topic;
  private final IncidentIndex index;
  private final CatchUpTracker catchUp;
  private boolean reportedMissingTopic;

  IncidentPartitions(String topic, IncidentIndex index, CatchUpTracker catchUp) {
    this.topic = topic;
    this.index = index;
    this.catchUp = catchUp;
  }

  /** Assigns partitions not yet assigned, from their beginning; true if any are assigned. */
  boolean assignNew(KafkaConsumer<byte[], byte[]> c) {
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
      resume(c, added);
    } else if (all.isEmpty() && !reportedMissingTopic) {
      // Once: the indexer looks again every half second until the topic exists.
      LOG.info("waiting for topic {} to exist", topic);
      reportedMissingTopic = true;
    }
    return !all.isEmpty();
  }

  /**
   * Seeks each new partition to the index's checkpoint, or to its beginning; if a checkpoint lies
   * past the end of its partition the topic was recreated, and the index is rebuilt from scratch.
   */
  private void resume(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> added) {
    Map<String, String> checkpoint = index.checkpoint();
    Map<TopicPartition, Long> ends = c.endOffsets(added);
    Map<TopicPartition, Long> starts = c.beginningOffsets(added);
    boolean stale = false;
    for (TopicPartition p : added) {
      Long saved = parse(checkpoint.get(key(p)));
      stale |= saved != null && saved > ends.getOrDefault(p, 0L);
    }
    if (stale) {
      LOG.warn("the index is ahead of {} (was the topic recreated?): rebuilding it", topic);
      index.clearIncidents();
      index.refresh();
      checkpoint = Map.of();
      c.seekToBeginning(c.assignment());
      catchUp.reset();
      added = new HashSet<>(c.assignment());
      ends = c.endOffsets(added);
      starts = c.beginningOffsets(added);
    }
    for (TopicPartition p : added) {
      Long saved = parse(checkpoint.get(key(p)));
      long from = saved == null ? starts.getOrDefault(p, 0L) : Math.max(saved, starts.get(p));
      c.seek(p, from);
      catchUp.track(p, from, ends.getOrDefault(p, 0L));
    }
    LOG.info(
        "indexing {} partitions {} ({})",
        topic,
        added,
        checkpoint.isEmpty() ? "from the beginning" : "resuming from the index's checkpoint");
  }

  /** The next offset to read of every assigned partition. */
  static Map<TopicPartition, Long> nextOffsets(KafkaConsumer<byte[], byte[]> c) {
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition p : c.assignment()) {
      out.put(p, c.position(p));
    }
    return Map.copyOf(out);
  }

  /** Next offsets as the index's checkpoint records them. */
  static Map<String, String> checkpointOf(Map<TopicPartition, Long> nextOffsets) {
    Map<String, String> out = new HashMap<>();
    nextOffsets.forEach((p, offset) -> out.put(key(p), String.valueOf(offset)));
    return Map.copyOf(out);
  }

  private static String key(TopicPartition p) {
    return p.topic() + "-" + p.partition();
  }

  private static Long parse(String offset) {
    if (offset == null) {
      return null;
    }
    try {
      return Long.parseLong(offset);
    } catch (NumberFormatException e) {
      LOG.warn("ignoring a checkpoint offset that is not a number: {}", offset);
      return null;
    }
  }
}
