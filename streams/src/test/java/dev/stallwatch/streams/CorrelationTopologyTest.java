package dev.stallwatch.streams;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.streams.correlation.HostTimeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelationTopologyTest {

  private final HostEvents laptop = new HostEvents("dev-laptop-07");
  private TopologyTestDriver driver;
  private TestInputTopic<String, TelemetryEvent> telemetry;
  private TestInputTopic<String, byte[]> rawTelemetry;
  private TestOutputTopic<String, Incident> incidents;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void startDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "correlation-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    driver = new TopologyTestDriver(CorrelationTopology.build(), props);
    telemetry =
        driver.createInputTopic(
            Topics.TELEMETRY.name(),
            Topics.TELEMETRY.keySerde().serializer(),
            Topics.TELEMETRY.valueSerde().serializer());
    rawTelemetry =
        driver.createInputTopic(
            Topics.TELEMETRY.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    incidents =
        driver.createOutputTopic(
            Topics.INCIDENTS.name(),
            Topics.INCIDENTS.keySerde().deserializer(),
            Topics.INCIDENTS.valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.DEAD_LETTERS.name(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldOpenIncidentWhenHangFollowsResourceSaverEntryAndResolveItOnExit() {
    pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    pipe(laptop.entered(ofMinutes(5)));
    pipe(laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));
    pipe(laptop.exited(ofMinutes(12)));

    List<TestRecord<String, Incident>> out = incidents.readRecordsToList();

    assertThat(out).hasSize(2);
    Incident opened = out.get(0).value();
    Incident resolved = out.get(1).value();
    assertThat(opened.rule()).isEqualTo("resource-saver-gradual");
    assertThat(opened.status()).isEqualTo(Incident.Status.OPEN);
    assertThat(out.get(0).key()).isEqualTo(opened.id());
    assertThat(out.get(0).timestamp()).isEqualTo(HostEvents.at(ofMinutes(8)).toEpochMilli());
    assertThat(resolved.id()).isEqualTo(opened.id());
    assertThat(resolved.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(out.get(1).timestamp()).isEqualTo(HostEvents.at(ofMinutes(12)).toEpochMilli());
  }

  @Test
  void shouldKeepEachHostsTimelineInItsStore() {
    pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    pipe(laptop.entered(ofMinutes(5)));

    KeyValueStore<String, HostTimeline> store =
        driver.getKeyValueStore(CorrelationTopology.TIMELINE_STORE);

    HostTimeline timeline = store.get("dev-laptop-07");
    assertThat(timeline.context().autoMemoryReclaim()).isEqualTo("gradual");
    assertThat(timeline.transitions()).hasSize(1);
    assertThat(timeline.lastSeen()).isEqualTo(HostEvents.at(ofMinutes(5)));
  }

  @Test
  void shouldDeadLetterAnUnreadableRecordAndGoOnWithTheNextOnes() {
    pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    pipe(laptop.entered(ofMinutes(5)));
    byte[] garbage = "{\"type\":\"hung_task\",\"host\":".getBytes(StandardCharsets.UTF_8);
    rawTelemetry.pipeInput("dev-laptop-07", garbage, HostEvents.at(ofMinutes(6)));
    pipe(laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));

    TestRecord<byte[], byte[]> deadLetter = deadLetters.readRecord();

    assertThat(deadLetter.value()).isEqualTo(garbage);
    assertThat(header(deadLetter, DeadLetterHandler.REASON)).startsWith("not JSON");
    assertThat(header(deadLetter, DeadLetterHandler.SOURCE_TOPIC))
        .isEqualTo("stallwatch.telemetry");
    assertThat(header(deadLetter, DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("2");
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(incidents.readValuesToList())
        .extracting(Incident::rule)
        .containsExactly("resource-saver-gradual");
  }

  private void pipe(TelemetryEvent event) {
    telemetry.pipeInput(event.host(), event, event.ts());
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
