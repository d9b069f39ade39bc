package dev.stallwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.collector.EventSink;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo fleet sends its scenario once per data directory, across restarts. */
class DemoFleetTest {

  private static final int SCENARIO_SIZE =
      DemoScenarios.fleet().stream().mapToInt(host -> host.script().size()).sum();

  @TempDir Path demoDir;

  @Test
  void shouldStartTheScenarioOnAFreshDataDirectoryDatedOneSpanAgo() throws Exception {
    Instant before = Instant.now();
    RecordingSink sink = new RecordingSink();
    try (DemoFleet fleet = new DemoFleet(sink, Clock.systemUTC(), demoDir)) {
      fleet.start();
      // Every host's inventory opens its script; the rest follows over the next half minute.
      await().atMost(Duration.ofSeconds(10)).until(() -> sink.scenario().size() >= 10);
    }

    Instant firstDated = sink.scenario().getFirst().ts();
    assertThat(firstDated)
        .isBetween(before.minus(DemoScenarios.SPAN), Instant.now().minus(DemoScenarios.SPAN));
    assertThat(Files.readString(demoDir.resolve(DemoProgress.FILE_NAME)))
        .contains("started=")
        .containsPattern("sent=(1\\d|[2-9]\\d)");
  }

  @Test
  void shouldSendOnlyWhatTheLastRunDidNotSend() throws Exception {
    int sentBefore = 12;
    keepProgress(Instant.now().minus(Duration.ofHours(1)), sentBefore);
    RecordingSink sink = new RecordingSink();

    try (DemoFleet fleet = new DemoFleet(sink, Clock.systemUTC(), demoDir)) {
      fleet.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> sink.scenario().size() >= SCENARIO_SIZE - sentBefore);
      awaitVitalsFromEveryHost(sink);
    }

    List<TelemetryEvent> scenario = sink.scenario();
    assertThat(scenario).hasSize(SCENARIO_SIZE - sentBefore);
    assertThat(scenario).isSortedAccordingTo(Comparator.comparing(TelemetryEvent::ts));
    assertThat(Files.readString(demoDir.resolve(DemoProgress.FILE_NAME)))
        .contains("sent=" + SCENARIO_SIZE);
  }

  @Test
  void shouldOnlyShowTheHostsAliveOnceTheScenarioWasSent() throws Exception {
    keepProgress(Instant.now().minus(Duration.ofMinutes(30)), 0);
    RecordingSink first = new RecordingSink();
    try (DemoFleet fleet = new DemoFleet(first, Clock.systemUTC(), demoDir)) {
      fleet.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> first.scenario().size() == SCENARIO_SIZE);
    }

    RecordingSink restarted = new RecordingSink();
    try (DemoFleet fleet = new DemoFleet(restarted, Clock.systemUTC(), demoDir)) {
      fleet.start();
      awaitVitalsFromEveryHost(restarted);
    }

    assertThat(restarted.scenario()).isEmpty();
  }

  @Test
  void shouldSendNothingOfTheScenarioWhenItsProgressCannotBeRead() throws Exception {
    Path file = demoDir.resolve(DemoProgress.FILE_NAME);
    Files.writeString(file, "started=yesterday\nsent=lots\n");
    RecordingSink sink = new RecordingSink();

    try (DemoFleet fleet = new DemoFleet(sink, Clock.systemUTC(), demoDir)) {
      fleet.start();
      awaitVitalsFromEveryHost(sink);
    }

    assertThat(sink.scenario()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("started=yesterday\nsent=lots\n");
  }

  private void keepProgress(Instant started, int sent) throws Exception {
    Files.writeString(
        demoDir.resolve(DemoProgress.FILE_NAME), "started=%s\nsent=%d\n".formatted(started, sent));
  }

  private static void awaitVitalsFromEveryHost(RecordingSink sink) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                sink.events.stream()
                        .filter(Heartbeat.class::isInstance)
                        .map(TelemetryEvent::host)
                        .distinct()
                        .count()
                    == DemoScenarios.fleet().size());
  }

  /** Keeps what the fleet sends, in order. */
  private static final class RecordingSink implements EventSink {
    final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(TelemetryEvent event) {
      events.add(event);
    }

    List<TelemetryEvent> scenario() {
      return events.stream()
          .filter(event -> !(event instanceof Heartbeat) && !(event instanceof Memory))
          .toList();
    }

    @Override
    public void close() {}
  }
}
