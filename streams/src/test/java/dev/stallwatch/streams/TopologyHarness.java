package dev.stallwatch.streams;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The correlation topology in a {@link TopologyTestDriver}, with every topic at hand. */
final class TopologyHarness implements AutoCloseable {

  static final AnalysisSettings SETTINGS =
      new AnalysisSettings(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(1));
  static final Duration PUNCTUATION = Duration.ofSeconds(5);

  final TopologyTestDriver driver;
  final TestInputTopic<String, TelemetryEvent> telemetry;
  final TestInputTopic<String, byte[]> rawTelemetry;
  final TestOutputTopic<String, Incident> incidents;
  final TestOutputTopic<String, Alert> alerts;
  final TestOutputTopic<String, HostState> hosts;
  final TestOutputTopic<String, CohortStats> cohorts;
  final TestOutputTopic<String, MitigationStats> mitigations;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  TopologyHarness(Instant wallClockStart) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlation-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // Its own state directory: two builds on one machine must not share RocksDB's locks.
    props.put(StreamsConfig.STATE_DIR_CONFIG, temporaryStateDir());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    driver =
        new TopologyTestDriver(
            CorrelationTopology.build(RuleBook.shipped(), SETTINGS, PUNCTUATION),
            props,
            wallClockStart);
    telemetry =
        driver.createInputTopic(
            Topics.TELEMETRY.name(),
            Topics.TELEMETRY.keySerde().serializer(),
            Topics.TELEMETRY.valueSerde().serializer());
    rawTelemetry =
        driver.createInputTopic(
            Topics.TELEMETRY.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    incidents = output(Topics.INCIDENTS);
    alerts = output(Topics.ALERTS);
    hosts = output(Topics.HOSTS);
    cohorts = output(Topics.COHORTS);
    mitigations = output(Topics.MITIGATIONS);
    deadLetters =
        driver.createOutputTopic(
            Topics.DEAD_LETTERS.name(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  private static String temporaryStateDir() {
    try {
      return Files.createTempDirectory("topology-harness").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  void pipe(TelemetryEvent event) {
    telemetry.pipeInput(event.host(), event, event.ts());
  }

  void pipeAll(List<? extends TelemetryEvent> events) {
    events.forEach(this::pipe);
  }

  /** Lets wall-clock time pass long enough for every held event to be applied. */
  void settle() {
    driver.advanceWallClockTime(SETTINGS.grace().plus(PUNCTUATION));
  }

  /** The latest version of every incident on the topic, in the order they first appeared. */
  Map<String, Incident> latestIncidents() {
    Map<String, Incident> latest = new LinkedHashMap<>();
    for (TestRecord<String, Incident> record : incidents.readRecordsToList()) {
      latest.put(record.key(), record.value());
    }
    return latest;
  }

  @Override
  public void close() {
    driver.close();
  }
}
