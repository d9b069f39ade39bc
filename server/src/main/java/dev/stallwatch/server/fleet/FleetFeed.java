package dev.stallwatch.server.fleet;

import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.server.feed.StartAt;
import dev.stallwatch.server.feed.TopicFollower;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  /** Warn about the first unreadable record, then once per this many, not once per record. */
  private static final long WARN_EVERY = 1000;

  private final FleetView fleet;
  private final TopicFollower follower;

  public FleetFeed(Map<String, Object> clientConfig, FleetView fleet, Clock clock) {
    this.fleet = fleet;
    Map<String, StartAt> topics = new LinkedHashMap<>();
    for (Topic<String, ?> topic : List.of(Topics.HOSTS, Topics.COHORTS, Topics.MITIGATIONS)) {
      topics.put(topic.name(), StartAt.BEGINNING);
    }
    // Telemetry from the first record of the history's span on; a partition without any, its end.
    topics.put(Topics.TELEMETRY.name(), StartAt.time(clock.millis() - HostHistory.SPAN_MILLIS));
    this.follower =
        new TopicFollower(
            "fleet-feed",
            clientConfig,
            topics,
            (record, live) -> read(record),
            "the fleet feed stopped; hosts, cohorts and host timelines no longer update");
  }

  public void start() {
    follower.start();
  }

  /** Completes once everything on the topics as of the start has been read. */
  public CompletableFuture<Void> caughtUp() {
    return follower.caughtUp();
  }

  private void read(ConsumerRecord<String, byte[]> record) {
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
    follower.close();
  }
}
