package dev.stallwatch.search;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Per partition: where reading started, the end to reach, and where it is now. */
final class CatchUpTracker {

  private record Span(long start, long end, long position) {}

  private final Map<TopicPartition, Span> spans = new HashMap<>();
  private boolean tracking;

  synchronized void track(TopicPartition partition, long start, long end) {
    spans.put(partition, new Span(start, Math.max(start, end), start));
    tracking = true;
  }

  synchronized void reset() {
    spans.clear();
  }

  /** Updates positions from the consumer, on the indexer thread. */
  void advance(KafkaConsumer<byte[], byte[]> consumer) {
    Map<TopicPartition, Long> now = new HashMap<>();
    synchronized (this) {
      spans.keySet().forEach(p -> now.put(p, null));
    }
    now.replaceAll((p, ignored) -> consumer.position(p));
    synchronized (this) {
      now.forEach((p, pos) -> spans.computeIfPresent(p, (k, s) -> new Span(s.start, s.end, pos)));
    }
  }

  synchronized CatchUp snapshot(boolean stopped) {
    long applied = 0;
    long total = 0;
    boolean done = tracking;
    for (Span s : spans.values()) {
      total += s.end - s.start;
      applied += Math.min(s.position, s.end) - s.start;
      done &= s.position >= s.end;
    }
    return new CatchUp(applied, total, done, stopped && !done);
  }
}
