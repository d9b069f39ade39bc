package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Incident;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Instant;
import java.util.List;

/** One step in progress on one host: the facts so far and the incident changes so far. */
final class Work {

  final HostTimeline before;
  final IncidentChanges changes;
  HostFacts facts;

  Work(HostTimeline before) {
    this.before = before;
    this.facts = before.facts();
    this.changes = new IncidentChanges(before.open(), before.recent());
  }

  String host() {
    return before.host();
  }

  Step finish(Instant now, RuleBook rules) {
    List<Incident> changed = changes.changed();
    for (Incident incident : changed) {
      if (changes.openedNow(incident.id())) {
        boolean hang = rules.rule(incident.rule()).map(Rule::isHang).orElse(true);
        facts = facts.withIncident(new IncidentMark(incident.onset(), incident.rule(), hang));
      }
    }
    HostTimeline after =
        before.withFacts(facts).withIncidents(changes.open(), changes.recentAsOf(now));
    AlertTracker.Result alerts = AlertTracker.apply(after, changed, changes::openedNow, rules);
    return new Step(after.withAlerts(alerts.active()), changed, alerts.alerts());
  }
}
