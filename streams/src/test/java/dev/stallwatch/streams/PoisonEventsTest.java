package dev.stallwatch.streams;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.event.TelemetryCodec;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.HostTimeline;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events no collector should send (a wrong clock, absurd durations, an unknown version, a hostile
 * host id), each among good events: each costs only itself, and every output stays writable.
 */
class PoisonEventsTest {

  private static final Instant NOW = HostEvents.BASE.plus(ofDays(1));

  private final TopologyHarness harness = new TopologyHarness(NOW);
  private final HostEvents anna = new HostEvents("dev-anna");
  private final HostEvents bruno = new HostEvents("dev-bruno");

  @AfterEach
  void close() {
    harness.close();
  }

  /** A poison: what it does to a good hang event of dev-anna, and the reason it must be refused. */
  record Poison(String name, Consumer<ObjectNode> change, String reason) {}

  static List<Poison> poisons() {
    return List.of(
        new Poison("year 9999", e -> e.put("ts", "9999-12-31T23:59:59Z"), "years ahead of the"),
        new Poison("before 1970", e -> e.put("ts", "1969-12-31T23:59:59Z"), "years before the"),
        new Poison(
            "two hours ahead",
            e -> e.put("ts", NOW.plus(ofHours(2)).toString()),
            "is 2 hours ahead of the analyzer's clock"),
        new Poison(
            "a month old",
            e -> e.put("ts", NOW.minus(ofDays(30)).toString()),
            "events older than 7d are refused"),
        new Poison(
            "blocked for 68 years",
            e -> e.put("blockedSeconds", 2147483647L),
            "blockedSeconds must be between 0 and 2592000 (30 days), was 2147483647"),
        new Poison("version 99", e -> e.put("v", 99), "v 99 is not a version this reader knows"),
        new Poison(
            "markup as host",
            e -> e.put("host", "<img src=x onerror=alert(1)>"),
            "host must be 1 to 128 letters"),
        new Poison("100 KB host", e -> e.put("host", "h".repeat(100_000)), "(100000 characters)"));
  }

  @Test
  void shouldDeadLetterEachPoisonWithItsReasonAndStillExplainEveryGoodHost() {
    List<Poison> poisons = poisons();
    List<String> poisonIds = new ArrayList<>();
    pipeHangScenario(
        anna,
        () -> {
          for (Poison poison : poisons) {
            poisonIds.add(pipePoison(poison));
          }
        });
    pipeHangScenario(bruno, () -> {});
    harness.settle();

    List<TestRecord<byte[], byte[]>> letters = harness.deadLetters.readRecordsToList();
    assertThat(letters).extracting(PoisonEventsTest::reason).hasSize(poisons.size());
    for (int i = 0; i < poisons.size(); i++) {
      assertThat(reason(letters.get(i)))
          .as(poisons.get(i).name())
          .contains(poisons.get(i).reason());
      assertThat(new String(letters.get(i).value(), StandardCharsets.UTF_8))
          .contains(poisonIds.get(i));
    }
    assertThat(harness.latestIncidents().values())
        .extracting(Incident::host, Incident::rule)
        .containsExactlyInAnyOrder(
            tuple("dev-anna", "resource-saver-gradual"),
            tuple("dev-bruno", "resource-saver-gradual"));
  }

  @Test
  void shouldStampEveryOutputWithATimeABrokerAcceptsEvenFromATimelinePoisonedBeforeTheBounds() {
    // What an analyzer without the bounds kept in its store: events of a collector in year 9999.
    HostEvents future = new HostEvents("dev-future");
    Analysis analysis = new Analysis(RuleBook.shipped(), TopologyHarness.SETTINGS);
    HostTimeline timeline = HostTimeline.empty(future.host());
    Duration farAhead = Duration.between(HostEvents.BASE, Instant.parse("9999-12-30T00:00:00Z"));
    for (TelemetryEvent event :
        List.of(
            future.inventory(farAhead, "gradual", "4.42.0"),
            future.entered(farAhead.plus(ofMinutes(1))),
            future.hungTask(farAhead.plus(ofMinutes(3)), "apt-get", 4711, 122))) {
      timeline = analysis.accept(timeline, event, NOW).timeline();
    }
    KeyValueStore<String, HostTimeline> store =
        harness.driver.getKeyValueStore(CorrelationTopology.TIMELINE_STORE);
    store.put(future.host(), timeline);

    harness.settle();

    Instant wallClock =
        NOW.plus(TopologyHarness.SETTINGS.grace()).plus(TopologyHarness.PUNCTUATION);
    long latest = wallClock.plus(EventTimeBounds.DEFAULTS.maxAhead()).toEpochMilli();
    List<Long> stamps = new ArrayList<>();
    harness.incidents.readRecordsToList().forEach(r -> stamps.add(r.timestamp()));
    harness.hosts.readRecordsToList().forEach(r -> stamps.add(r.timestamp()));
    harness.alerts.readRecordsToList().forEach(r -> stamps.add(r.timestamp()));
    assertThat(stamps).isNotEmpty().allSatisfy(t -> assertThat(t).isBetween(0L, latest));
  }

  /** Inventory, Resource Saver entered, a hung apt-get, exited; {@code during} runs mid-hang. */
  private void pipeHangScenario(HostEvents host, Runnable during) {
    harness.pipe(host.inventory(ofMinutes(0), "gradual", "4.42.0"));
    harness.pipe(host.entered(ofMinutes(5)));
    during.run();
    harness.pipe(host.hungTask(ofMinutes(8), "apt-get", 4711, 122));
    harness.pipe(host.exited(ofMinutes(12)));
  }

  /** Pipes the poisoned copy of a good hang, under the host's key; returns its event id. */
  private String pipePoison(Poison poison) {
    ObjectNode event =
        (ObjectNode)
            readTree(TelemetryCodec.toJson(anna.hungTask(ofMinutes(7), "apt-get", 4711, 122)));
    String id = "poison-" + poison.name().replace(' ', '-');
    event.put("id", id);
    poison.change().accept(event);
    harness.rawTelemetry.pipeInput(
        "dev-anna", event.toString().getBytes(StandardCharsets.UTF_8), NOW);
    return id;
  }

  private static JsonNode readTree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String reason(TestRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(DeadLetterHandler.REASON);
    assertThat(header).as("reason header").isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
