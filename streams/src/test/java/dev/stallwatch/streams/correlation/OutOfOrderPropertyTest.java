package dev.stallwatch.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.scenarios.Scenario;
import dev.stallwatch.streams.scenarios.Scenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: any arrival order in which no event is later than the grace behind the newest one gives
 * the same incident versions and alerts as event-time order, and a second delivery of every event
 * changes nothing. Arrival orders are drawn at random (seeded, so a failure names its seed): each
 * event arrives at its event time plus a random delay shorter than the grace.
 */
class OutOfOrderPropertyTest {

  private static final int SHUFFLES_PER_SCENARIO = 40;
  private static final AnalysisSettings SETTINGS =
      AnalysisSettings.DEFAULTS.withGrace(Duration.ofMinutes(3));

  static Stream<Arguments> shuffles() {
    return Scenarios.all().stream()
        .flatMap(
            s -> IntStream.range(0, SHUFFLES_PER_SCENARIO).mapToObj(seed -> Arguments.of(s, seed)));
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("shuffles")
  void shouldGiveTheSameOutputForAnyArrivalOrderWithinTheGrace(Scenario scenario, int seed) {
    List<TelemetryEvent> inOrder =
        scenario.events().stream().sorted(Comparator.comparing(TelemetryEvent::ts)).toList();
    List<TelemetryEvent> shuffled = arrivalOrder(inOrder, new Random(seed));
    List<TelemetryEvent> redelivered = new ArrayList<>(shuffled);
    redelivered.addAll(shuffled.subList(0, shuffled.size() / 2));

    Output expected = run(inOrder);

    assertThat(run(shuffled)).as("arrival order %s", ids(shuffled)).isEqualTo(expected);
    assertThat(run(redelivered)).as("with redeliveries").isEqualTo(expected);
  }

  private record Output(List<Incident> versions, List<Alert> alerts) {}

  private static Output run(List<TelemetryEvent> arrivals) {
    Analysis analysis = new Analysis(RuleBook.shipped(), SETTINGS);
    HostTimeline timeline = HostTimeline.empty(arrivals.getFirst().host());
    List<Incident> versions = new ArrayList<>();
    List<Alert> alerts = new ArrayList<>();
    for (TelemetryEvent event : arrivals) {
      Analysis.Result result = analysis.accept(timeline, event, event.ts());
      timeline = result.timeline();
      versions.addAll(result.incidents());
      alerts.addAll(result.alerts());
    }
    Analysis.Result flushed = analysis.flush(timeline);
    versions.addAll(flushed.incidents());
    alerts.addAll(flushed.alerts());
    return new Output(versions, alerts);
  }

  private static List<TelemetryEvent> arrivalOrder(List<TelemetryEvent> events, Random random) {
    long graceMillis = SETTINGS.grace().toMillis();
    record Arrival(Instant at, TelemetryEvent event) {}
    return events.stream()
        .map(e -> new Arrival(e.ts().plusMillis((long) (random.nextDouble() * graceMillis)), e))
        .sorted(Comparator.comparing(Arrival::at))
        .map(Arrival::event)
        .toList();
  }

  private static List<Long> ids(List<TelemetryEvent> events) {
    return events.stream().map(e -> e.envelope().seq()).toList();
  }
}
