package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.Incident;
import dev.stallwatch.streams.correlation.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The incidents of one host while one step is applied: the open ones, the recently resolved ones
 * (late evidence may still join them), and which changed and how.
 */
final class IncidentChanges {

  /** How long a resolved incident still takes late evidence. */
  static final Duration RECENT = Duration.ofHours(2);

  private static final int MAX_RECENT = 16;

  private final Map<String, Incident> open = new LinkedHashMap<>();
  private final Map<String, Incident> recent = new LinkedHashMap<>();
  private final Map<String, Incident> changed = new LinkedHashMap<>();
  private final Set<String> opened = new LinkedHashSet<>();

  IncidentChanges(List<Incident> initiallyOpen, List<Incident> recentlyResolved) {
    initiallyOpen.forEach(incident -> open.put(incident.id(), incident));
    recentlyResolved.forEach(incident -> recent.put(incident.id(), incident));
  }

  Optional<Incident> openWithRule(String rule) {
    return open.values().stream().filter(i -> i.rule().equals(rule)).reduce((a, b) -> b);
  }

  /** A resolved incident of the rule whose time span, widened by the grace, covers the instant. */
  Optional<Incident> recentCovering(String rule, Instant at, Duration grace) {
    return recent.values().stream()
        .filter(i -> i.rule().equals(rule))
        .filter(i -> !at.isBefore(i.onset().minus(grace)))
        .filter(i -> !at.isAfter(i.resolvedAt().plus(grace)))
        .reduce((a, b) -> b);
  }

  void open(Incident incident) {
    opened.add(incident.id());
    record(incident);
  }

  void update(Incident incident, UnaryOperator<Incident> change) {
    Incident next = change.apply(incident);
    if (!next.equals(incident)) {
      record(next);
    }
  }

  void addEvidence(Incident incident, Evidence evidence, Rule rule) {
    update(incident, i -> Incidents.withEvidence(i, evidence, rule));
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

  List<Incident> recent() {
    return List.copyOf(recent.values());
  }

  /** Recently resolved incidents, dropping those older than {@link #RECENT} before {@code now}. */
  List<Incident> recentAsOf(Instant now) {
    List<Incident> kept = new ArrayList<>(recent.values());
    kept.removeIf(i -> i.resolvedAt().plus(RECENT).isBefore(now));
    kept.sort(Comparator.comparing(Incident::resolvedAt));
    while (kept.size() > MAX_RECENT) {
      kept.removeFirst();
    }
    return kept;
  }

  List<Incident> changed() {
    return new ArrayList<>(changed.values());
  }

  boolean openedNow(String id) {
    return opened.contains(id);
  }

  private void record(Incident incident) {
    if (incident.status() == Incident.Status.OPEN) {
      open.put(incident.id(), incident);
    } else {
      open.remove(incident.id());
      recent.put(incident.id(), incident);
    }
    changed.remove(incident.id());
    changed.put(incident.id(), incident);
  }
}
