package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Incident;
import java.util.List;

/**
 * Everything the analysis remembers about one host between events: facts, open and recently
 * resolved incidents, alerts, and the intake of events not yet applied. Immutable; each step
 * returns a new one. The topology keeps one per host in a state store.
 */
public record HostTimeline(
    String host,
    HostFacts facts,
    List<Incident> open,
    List<Incident> recent,
    List<ActiveAlert> alerts,
    Intake intake) {

  public HostTimeline {
    facts = facts == null ? HostFacts.empty() : facts;
    open = List.copyOf(open);
    recent = List.copyOf(recent);
    alerts = List.copyOf(alerts);
    intake = intake == null ? Intake.empty() : intake;
  }

  public static HostTimeline empty(String host) {
    return new HostTimeline(
        host, HostFacts.empty(), List.of(), List.of(), List.of(), Intake.empty());
  }

  HostTimeline withFacts(HostFacts newFacts) {
    return new HostTimeline(host, newFacts, open, recent, alerts, intake);
  }

  HostTimeline withIncidents(List<Incident> newOpen, List<Incident> newRecent) {
    return new HostTimeline(host, facts, newOpen, newRecent, alerts, intake);
  }

  HostTimeline withAlerts(List<ActiveAlert> newAlerts) {
    return new HostTimeline(host, facts, open, recent, newAlerts, intake);
  }

  HostTimeline withIntake(Intake newIntake) {
    return new HostTimeline(host, facts, open, recent, alerts, newIntake);
  }
}
