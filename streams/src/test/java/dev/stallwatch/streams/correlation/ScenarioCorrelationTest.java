package dev.stallwatch.streams.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import dev.stallwatch.streams.scenarios.Scenario;
import dev.stallwatch.streams.scenarios.Scenarios;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario through the pure analysis, with the shipped rules as shipped. */
class ScenarioCorrelationTest {

  static List<Scenario> scenarios() {
    return Scenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void shouldEndWithTheExpectedIncidents(Scenario scenario) {
    Replay replay = new Replay(new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS));
    for (TelemetryEvent event : scenario.events()) {
      replay.accept(event);
    }

    List<Incident> incidents = replay.finish();

    assertThat(incidents).extracting(Scenario.Outcome::of).isEqualTo(scenario.expected());
    assertThat(incidents).allMatch(i -> i.host().equals(scenario.host()));
  }
}
