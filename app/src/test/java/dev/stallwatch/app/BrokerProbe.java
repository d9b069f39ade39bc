package dev.stallwatch.app;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.Analyzer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the broker of a running {@code stallwatch up} holds, read through the address it wrote to
 * {@code DATA/bootstrap}, as a user would with kcat: telemetry, incidents, and how far the analyzer
 * got.
 */
final class BrokerProbe implements AutoCloseable {

  private final String bootstrap;
  private final Admin admin;
  private final TelemetryReader telemetry;

  BrokerProbe(String bootstrap) {
    this.bootstrap = bootstrap;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.telemetry = new TelemetryReader(bootstrap);
  }

  /** Every telemetry event so far. */
  List<TelemetryEvent> telemetry() {
    return telemetry.poll();
  }

  /** Where stallwatch.telemetry ends right now, by partition. */
  Map<TopicPartition, Long> telemetryEnd() throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int partition : partitions()) {
      latest.put(new TopicPartition(Topics.TELEMETRY.name(), partition), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> end = new HashMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get(10, TimeUnit.SECONDS)
        .forEach((partition, info) -> end.put(partition, info.offset()));
    return end;
  }

  /** Whether the analyzer has processed (and committed) everything before {@code offsets}. */
  boolean analyzerProcessed(Map<TopicPartition, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(Analyzer.DEFAULT_APPLICATION_ID)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .allMatch(
            end -> {
              OffsetAndMetadata done = committed.get(end.getKey());
              return done != null && done.offset() >= end.getValue();
            });
  }

  /** The ids of the committed incidents on stallwatch.incidents that {@code which} accepts. */
  Set<String> incidentIds(Predicate<Incident> which) {
    Set<String> ids = new TreeSet<>();
    try (KafkaConsumer<String, Incident> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            Topics.INCIDENTS.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.INCIDENTS.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                record -> {
                  if (record.value() != null && which.test(record.value())) {
                    ids.add(record.key());
                  }
                });
      }
    }
    return ids;
  }

  private List<Integer> partitions() throws Exception {
    return admin
        .describeTopics(List.of(Topics.TELEMETRY.name()))
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .get(Topics.TELEMETRY.name())
        .partitions()
        .stream()
        .map(info -> info.partition())
        .toList();
  }

  @Override
  public void close() {
    telemetry.close();
    admin.close();
  }
}
