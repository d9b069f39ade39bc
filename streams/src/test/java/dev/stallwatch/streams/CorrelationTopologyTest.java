package dev.stallwatch.streams;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.HostTimeline;
import dev.stallwatch.streams.scenarios.Scenario;
import dev.stallwatch.streams.scenarios.Scenarios;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CorrelationTopologyTest {

  private final HostEvents laptop = new HostEvents("dev-laptop-07");
  // The analyzer runs a day after the scenarios happened, so that none is ahead of its clock.
  private final TopologyHarness harness = new TopologyHarness(HostEvents.BASE.plus(ofDays(1)));

  @AfterEach
  void close() {
    harness.close();
  }

  static List<Scenario> scenarios() {
    return Scenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void shouldEndEveryScenarioWithTheSameIncidentsAsThePureCorrelator(Scenario scenario) {
    harness.pipeAll(scenario.events());
    harness.settle();

    assertThat(harness.latestIncidents().values())
        .extracting(Scenario.Outcome::of)
        .isEqualTo(scenario.expected());
  }

  @Test
  void shouldOpenIncidentWhenHangFollowsResourceSaverEntryAndResolveItOnExit() {
    harness.pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    harness.pipe(laptop.entered(ofMinutes(5)));
    harness.pipe(laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));
    harness.pipe(laptop.exited(ofMinutes(12)));
    harness.pipe(laptop.heartbeat(ofMinutes(13)));

    List<TestRecord<String, Incident>> out = harness.incidents.readRecordsToList();

    assertThat(out).hasSize(2);
    Incident opened = out.get(0).value();
    assertThat(opened.rule()).isEqualTo("resource-saver-gradual");
    assertThat(opened.status()).isEqualTo(Incident.Status.OPEN);
    assertThat(out.get(0).key()).isEqualTo(opened.id());
    assertThat(out.get(0).timestamp()).isEqualTo(HostEvents.at(ofMinutes(8)).toEpochMilli());
    assertThat(out.get(1).value().id()).isEqualTo(opened.id());
    assertThat(out.get(1).value().status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(out.get(1).timestamp()).isEqualTo(HostEvents.at(ofMinutes(12)).toEpochMilli());
  }

  @Test
  void shouldHoldAnEventBackForTheGraceSoALateEarlierEventStillCounts() {
    harness.pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    TelemetryEvent entered = laptop.entered(ofMinutes(5));
    harness.pipe(laptop.hungTask(ofMinutes(5).plus(ofSeconds(20)), "apt-get", 4711, 10));
    harness.pipe(entered);
    harness.settle();

    assertThat(harness.latestIncidents().values())
        .extracting(Incident::rule)
        .containsExactly("resource-saver-gradual");
  }

  @Test
  void shouldIgnoreASecondDeliveryOfTheSameEvent() {
    harness.pipe(laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"));
    TelemetryEvent hang = laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122);
    harness.pipe(hang);
    harness.pipe(hang);
    harness.settle();

    List<Incident> out = harness.incidents.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().evidence()).hasSize(1);
  }

  @Test
  void shouldKeepEachHostsTimelineInItsStore() {
    harness.pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    harness.pipe(laptop.entered(ofMinutes(5)));
    harness.settle();

    KeyValueStore<String, HostTimeline> store =
        harness.driver.getKeyValueStore(CorrelationTopology.TIMELINE_STORE);

    HostTimeline timeline = store.get("dev-laptop-07");
    assertThat(timeline.facts().context().autoMemoryReclaim()).isEqualTo("gradual");
    assertThat(timeline.facts().transitions()).hasSize(1);
    assertThat(timeline.facts().lastSeen()).isEqualTo(HostEvents.at(ofMinutes(5)));
  }

  @Test
  void shouldDeadLetterAnUnreadableRecordAndGoOnWithTheNextOnes() {
    harness.pipe(laptop.inventory(ofMinutes(0), "gradual", "4.42.0"));
    harness.pipe(laptop.entered(ofMinutes(5)));
    byte[] garbage = "{\"type\":\"hung_task\",\"host\":".getBytes(StandardCharsets.UTF_8);
    harness.rawTelemetry.pipeInput("dev-laptop-07", garbage, HostEvents.at(ofMinutes(6)));
    harness.pipe(laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122));
    harness.settle();

    TestRecord<byte[], byte[]> deadLetter = harness.deadLetters.readRecord();

    assertThat(deadLetter.value()).isEqualTo(garbage);
    assertThat(header(deadLetter, DeadLetterHandler.REASON)).startsWith("not JSON");
    assertThat(header(deadLetter, DeadLetterHandler.SOURCE_TOPIC))
        .isEqualTo("stallwatch.telemetry");
    assertThat(header(deadLetter, DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("2");
    assertThat(harness.deadLetters.isEmpty()).isTrue();
    assertThat(harness.incidents.readValuesToList())
        .extracting(Incident::rule)
        .containsExactly("resource-saver-gradual");
  }

  @Test
  void shouldDeadLetterAnEventFiledUnderAnotherHostsKey() {
    TelemetryEvent hang = laptop.hungTask(ofMinutes(8), "apt-get", 4711, 122);
    harness.telemetry.pipeInput("dev-someone-else", hang, hang.ts());
    harness.pipe(laptop.inventory(ofMinutes(9), "dropcache", "4.45.0"));

    TestRecord<byte[], byte[]> deadLetter = harness.deadLetters.readRecord();

    assertThat(header(deadLetter, DeadLetterHandler.REASON))
        .isEqualTo("record key 'dev-someone-else' is not the event's host 'dev-laptop-07'");
    assertThat(header(deadLetter, DeadLetterHandler.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains("\"hung_task\"");
  }

  @Test
  void shouldFireOneAlertPerHostAndRuleAndResolveItWithTheLastIncident() {
    harness.pipeAll(Scenarios.resourceSaverUnderGradual().events());
    harness.settle();

    List<TestRecord<String, Alert>> alerts = harness.alerts.readRecordsToList();

    assertThat(alerts).extracting(TestRecord::key).containsOnly("dev-anna/resource-saver-gradual");
    assertThat(alerts)
        .extracting(r -> r.value().status())
        .containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
  }

  @Test
  void shouldOpenAFreezeIncidentWhenAnActiveHostGoesSilentAndConfirmItWithItsFreezeReport() {
    harness.pipe(laptop.inventory(ofMinutes(0), "dropcache", "4.45.0"));
    for (int s = 10; s <= 60; s += 10) {
      harness.pipe(laptop.heartbeat(ofSeconds(s)));
    }
    harness.driver.advanceWallClockTime(ofSeconds(90));

    Incident silent = harness.incidents.readValue();
    assertThat(silent.rule()).isEqualTo("vm-freeze");
    assertThat(silent.status()).isEqualTo(Incident.Status.OPEN);
    assertThat(harness.alerts.readValue().status()).isEqualTo(Alert.Status.FIRING);

    harness.pipe(laptop.freeze(ofMinutes(4).plus(ofSeconds(2)), ofSeconds(60), ofMinutes(4)));
    harness.pipe(laptop.heartbeat(ofMinutes(4).plus(ofSeconds(5))));
    harness.pipe(laptop.aptStalled(ofMinutes(4).plus(ofSeconds(6)), ofSeconds(50)));
    harness.settle();

    List<Incident> later = new ArrayList<>(harness.latestIncidents().values());
    Incident confirmed =
        later.stream().filter(i -> i.id().equals(silent.id())).findFirst().orElseThrow();
    assertThat(confirmed.status()).isEqualTo(Incident.Status.RESOLVED);
    assertThat(confirmed.evidence()).extracting(e -> e.type()).contains("host_silent", "freeze");
    assertThat(confirmed.confidence()).isGreaterThan(silent.confidence());
    assertThat(later).extracting(Incident::rule).contains("unexplained-hang");
    assertThat(harness.alerts.readValuesToList())
        .extracting(Alert::rule, Alert::status)
        .as("the apt stall inside the freeze is muted")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("vm-freeze", Alert.Status.RESOLVED));
  }

  @Test
  void shouldPublishEachHostsStateAndAnswerForItFromTheStore() {
    harness.pipeAll(Scenarios.resourceSaverUnderGradual().events());
    harness.settle();

    HostState published = lastValue(harness.hosts.readValuesToList());
    KeyValueStore<String, HostState> store =
        harness.driver.getKeyValueStore(CorrelationTopology.HOST_STATE_STORE);

    assertThat(published.host()).isEqualTo("dev-anna");
    assertThat(published.incidentsLast7Days()).isEqualTo(1);
    assertThat(published.riskRules()).contains("resource-saver-gradual");
    assertThat(published.atRisk()).isFalse();
    assertThat(store.get("dev-anna")).isEqualTo(published);
  }

  private static <T> T lastValue(List<T> values) {
    assertThat(values).isNotEmpty();
    return values.getLast();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
