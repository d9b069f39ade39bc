package dev.stallwatch.app.demo;

import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One simulated developer machine: what it is, and what happens on it during a scenario.
 *
 * @param script events at offsets from the scenario's start, sorted by offset
 */
record DemoHost(String id, String scenario, List<ScriptedEvent> script) {

  /** One event of a script; the envelope (host, time, seq, id) is made when it is sent. */
  record ScriptedEvent(Duration offset, Function<Envelope, TelemetryEvent> event) {}

  DemoHost {
    script = script.stream().sorted(Comparator.comparing(ScriptedEvent::offset)).toList();
  }

  /** Builds a script with offsets written as {@code "m:ss"}. */
  static final class Script {
    private final List<ScriptedEvent> events = new ArrayList<>();

    Script at(String minutesSeconds, Function<Envelope, TelemetryEvent> event) {
      String[] parts = minutesSeconds.split(":");
      Duration offset =
          Duration.ofMinutes(Long.parseLong(parts[0])).plusSeconds(Long.parseLong(parts[1]));
      events.add(new ScriptedEvent(offset, event));
      return this;
    }

    List<ScriptedEvent> events() {
      return List.copyOf(events);
    }
  }
}
