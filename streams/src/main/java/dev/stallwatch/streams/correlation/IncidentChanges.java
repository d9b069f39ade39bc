package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The open incidents of one host while one event is applied, and which of them changed. */
final class IncidentChanges {

  private final Map<String, Incident> open = new LinkedHashMap<>();
  private final Map<String, Incident> changed = new LinkedHashMap<>();

  IncidentChanges(List<Incident> initiallyOpen) {
    initiallyOpen.forEach(incident -> open.put(incident.id(), incident));
  }

  Optional<Incident> openWithRule(String rule) {
    return open.values().stream().filter(i -> i.rule().equals(rule)).reduce((a, b) -> b);
  }

  void open(Incident incident) {
    record(incident);
  }

  void addEvidence(Incident incident, Evidence evidence) {
    record(Incidents.withEvidence(incident, evidence));
  }

  /** Resolves every open incident that matches, adding the evidence of what cleared it. */
  void resolveAll(Evidence clearedBy, Instant at, Predicate<Incident> which) {
    for (Incident incident : List.copyOf(open.values())) {
      if (which.test(incident)) {
        record(Incidents.resolved(incident, clearedBy, at));
      }
    }
  }

  List<Incident> open() {
    return List.copyOf(open.values());
  }

  List<Incident> changed() {
    return new ArrayList<>(changed.values());
  }

  private void record(Incident incident) {
    if (incident.status() == Incident.Status.OPEN) {
      open.put(incident.id(), incident);
    } else {
      open.remove(incident.id());
    }
    changed.remove(incident.id());
    changed.put(incident.id(), incident);
  }
}
