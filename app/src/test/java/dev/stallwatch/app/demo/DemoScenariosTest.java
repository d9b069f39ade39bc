package dev.stallwatch.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.Analysis;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import dev.stallwatch.streams.correlation.Replay;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo fleet, heartbeats included as DemoFleet sends them, through the shipped rules. */
class DemoScenariosTest {

  private static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void shouldShowEveryKindOfIncidentTheDemoPromisesAndLeaveHealthyHostsAlone() {
    Replay replay = new Replay(new Analysis(RuleBook.shipped(), AnalysisSettings.DEFAULTS));
    events().forEach(replay::accept);

    Map<String, List<String>> rulesByHost =
        replay.finish().stream()
            .collect(
                Collectors.groupingBy(
                    Incident::host,
                    TreeMap::new,
                    Collectors.mapping(Incident::rule, Collectors.toList())));

    assertThat(rulesByHost)
        .containsOnly(
            Map.entry("dev-anna", List.of("resource-saver-gradual")),
            Map.entry("dev-bruno", List.of("unexplained-hang")),
            Map.entry("dev-fatima", List.of("resource-saver-cgroup-v2")),
            Map.entry("dev-gus", List.of("gradual-systemd-lag")),
            Map.entry("dev-hana", List.of("resource-saver-stuck")),
            Map.entry("dev-ivo", List.of("reclaim-eagain")),
            Map.entry("dev-kai", List.of("vm-freeze")));
    assertThat(DemoScenarios.fleet()).hasSizeGreaterThanOrEqualTo(5);
  }

  private static List<TelemetryEvent> events() {
    List<TelemetryEvent> events = new ArrayList<>();
    for (DemoHost host : DemoScenarios.fleet()) {
      long seq = 0;
      for (DemoHost.ScriptedEvent step : host.script()) {
        events.add(step.event().apply(envelope(host.id(), START.plus(step.offset()), ++seq)));
      }
      for (Duration at = Duration.ZERO;
          at.compareTo(DemoScenarios.SPAN) <= 0;
          at = at.plusSeconds(30)) {
        events.add(new Heartbeat(envelope(host.id(), START.plus(at), ++seq), Map.of(), 0, 0));
      }
    }
    events.sort(Comparator.comparing(TelemetryEvent::ts));
    return events;
  }

  private static Envelope envelope(String host, Instant ts, long seq) {
    return new Envelope(1, host, ts, seq, host + "-" + seq);
  }
}
