package dev.stallwatch.server.progress;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One reading of how far the pipeline got, per partition: where each topic ends, and where its
 * readers are. A reader's missing partition is one it has not read from yet: it will start at the
 * partition's first offset ({@code starts}), as the analyzer (offset reset to earliest) and the
 * indexer (no checkpoint) do.
 *
 * @param telemetryEnds the end offset of each partition of {@code stallwatch.telemetry}
 * @param analyzerCommitted the analyzer group's committed offsets in {@code stallwatch.telemetry}
 * @param incidentEnds the end offset of each partition of {@code stallwatch.incidents}
 * @param indexPositions the next offset the search index's indexer reads in each partition
 * @param starts the first offset of the partitions a reader has no offset for
 */
record Offsets(
    Map<TopicPartition, Long> telemetryEnds,
    Map<TopicPartition, Long> analyzerCommitted,
    Map<TopicPartition, Long> incidentEnds,
    Map<TopicPartition, Long> indexPositions,
    Map<TopicPartition, Long> starts) {

  Offsets {
    telemetryEnds = Map.copyOf(telemetryEnds);
    analyzerCommitted = Map.copyOf(analyzerCommitted);
    incidentEnds = Map.copyOf(incidentEnds);
    indexPositions = Map.copyOf(indexPositions);
    starts = Map.copyOf(starts);
  }

  /** Events ever written to the telemetry topic: its end offsets summed. */
  long eventsIn() {
    return telemetryEnds.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Telemetry records the analyzer has not committed yet; NaN while its group has no offsets. */
  double analyzerLag() {
    if (analyzerCommitted.isEmpty()) {
      return Double.NaN;
    }
    return behind(telemetryEnds, analyzerCommitted);
  }

  /** Incident records the search index has not read yet. */
  double indexLag() {
    return behind(incidentEnds, indexPositions);
  }

  private long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      TopicPartition partition = end.getKey();
      Long position = positions.get(partition);
      long from = position != null ? position : starts.getOrDefault(partition, 0L);
      // A reader past the end (the topic was recreated under it) is not behind.
      lag += Math.max(0, end.getValue() - from);
    }
    return lag;
  }
}
