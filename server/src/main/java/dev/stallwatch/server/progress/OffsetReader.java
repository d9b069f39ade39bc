package dev.stallwatch.server.progress;

import dev.stallwatch.model.kafka.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads {@link Offsets} with one Kafka {@link Admin} client: the partitions of the telemetry and
 * incidents topics, their end offsets, and the analyzer group's committed offsets. Every call
 * blocks for at most the client's {@code default.api.timeout.ms}.
 */
final class OffsetReader {

  private static final String TELEMETRY = Topics.TELEMETRY.name();
  private static final String INCIDENTS = Topics.INCIDENTS.name();

  private final Admin admin;
  private final String analyzerGroup;

  OffsetReader(Admin admin, String analyzerGroup) {
    this.admin = admin;
    this.analyzerGroup = analyzerGroup;
  }

  /**
   * @param indexPositions where the indexer is, taken from it just before reading
   * @throws ExecutionException with the cause when Kafka cannot answer (unreachable, a topic
   *     missing, not authorized)
   */
  Offsets read(Map<TopicPartition, Long> indexPositions)
      throws ExecutionException, InterruptedException {
    Map<String, TopicDescription> topics =
        admin.describeTopics(List.of(TELEMETRY, INCIDENTS)).allTopicNames().get();
    List<TopicPartition> telemetry = partitionsOf(topics.get(TELEMETRY));
    List<TopicPartition> incidents = partitionsOf(topics.get(INCIDENTS));
    List<TopicPartition> both = new ArrayList<>(telemetry);
    both.addAll(incidents);
    // The end a read_committed reader can reach: the analyzer and the indexer both read so.
    Map<TopicPartition, Long> ends = offsets(both, OffsetSpec.latest());
    Map<TopicPartition, Long> committed = committed(telemetry);

    Set<TopicPartition> unread = new HashSet<>();
    if (!committed.isEmpty()) {
      telemetry.stream().filter(p -> !committed.containsKey(p)).forEach(unread::add);
    }
    incidents.stream().filter(p -> !indexPositions.containsKey(p)).forEach(unread::add);
    Map<TopicPartition, Long> starts =
        unread.isEmpty() ? Map.of() : offsets(unread, OffsetSpec.earliest());

    return new Offsets(
        only(ends, telemetry), committed, only(ends, incidents), indexPositions, starts);
  }

  /** The analyzer's committed offsets in the telemetry topic; empty when it has none yet. */
  private Map<TopicPartition, Long> committed(List<TopicPartition> telemetry)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> all;
    try {
      all = admin.listConsumerGroupOffsets(analyzerGroup).partitionsToOffsetAndMetadata().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of();
      }
      throw e;
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    for (TopicPartition p : telemetry) {
      OffsetAndMetadata offset = all.get(p);
      if (offset != null) {
        out.put(p, offset.offset());
      }
    }
    return out;
  }

  private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    var result =
        admin
            .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get();
    Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((p, info) -> out.put(p, info.offset()));
    return out;
  }

  private static List<TopicPartition> partitionsOf(TopicDescription topic) {
    return topic.partitions().stream()
        .map(p -> new TopicPartition(topic.name(), p.partition()))
        .toList();
  }

  private static Map<TopicPartition, Long> only(
      Map<TopicPartition, Long> offsets, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> out = new HashMap<>();
    partitions.forEach(p -> out.put(p, offsets.getOrDefault(p, 0L)));
    return out;
  }
}
