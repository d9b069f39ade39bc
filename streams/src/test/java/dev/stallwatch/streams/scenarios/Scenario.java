package dev.stallwatch.streams.scenarios;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.event.TelemetryEvent;
import java.util.List;

/**
 * One host's timeline and the incidents it must end with, shared by the correlator's tests and the
 * topology's tests.
 *
 * @param expected the rule and final status of every incident, in onset order
 */
public record Scenario(String name, List<TelemetryEvent> events, List<Outcome> expected) {

  /** The final state of one incident. */
  public record Outcome(String rule, Incident.Status status) {

    public static Outcome of(Incident incident) {
      return new Outcome(incident.rule(), incident.status());
    }
  }

  public String host() {
    return events.getFirst().host();
  }

  @Override
  public String toString() {
    return name;
  }
}
