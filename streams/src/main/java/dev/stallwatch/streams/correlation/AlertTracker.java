package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.streams.correlation.rules.Rule;
import dev.stallwatch.streams.correlation.rules.RuleBook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Derives alerts from incident changes: one alert per host and rule, firing when the first incident
 * of that rule opens and resolved when the last one resolves. An alert whose hang began during an
 * incident of a rule that inhibits it (a whole-VM freeze mutes the apt stall it caused) is muted:
 * neither sent nor resolved.
 */
final class AlertTracker {

  /** The alerts still active and the alert records to publish. */
  record Result(List<ActiveAlert> active, List<Alert> alerts) {}

  private AlertTracker() {}

  static Result apply(
      HostTimeline after, List<Incident> changed, Predicate<String> openedNow, RuleBook rules) {
    List<ActiveAlert> active = new ArrayList<>(after.alerts());
    List<Alert> out = new ArrayList<>();
    for (Incident incident : changed) {
      Optional<ActiveAlert> current =
          active.stream().filter(a -> a.rule().equals(incident.rule())).findFirst();
      if (openedNow.test(incident.id()) && current.isEmpty()) {
        boolean muted = inhibited(after, incident, rules);
        ActiveAlert alert =
            new ActiveAlert(incident.rule(), incident.id(), incident.onset(), muted);
        if (!muted) {
          out.add(firing(incident, alert));
        }
        current = Optional.of(alert);
        active.add(alert);
      }
      if (incident.status() == Incident.Status.RESOLVED
          && current.isPresent()
          && current.get().incidentId().equals(incident.id())) {
        ActiveAlert alert = current.get();
        active.remove(alert);
        Optional<Incident> successor =
            after.open().stream().filter(i -> i.rule().equals(incident.rule())).findFirst();
        if (successor.isPresent()) {
          active.add(
              new ActiveAlert(alert.rule(), successor.get().id(), alert.startsAt(), alert.muted()));
        } else if (!alert.muted()) {
          out.add(resolved(incident, alert));
        }
      }
    }
    return new Result(active, out);
  }

  private static boolean inhibited(HostTimeline timeline, Incident incident, RuleBook rules) {
    List<Incident> all = new ArrayList<>(timeline.open());
    all.addAll(timeline.recent());
    for (Incident other : all) {
      if (other.id().equals(incident.id())) {
        continue;
      }
      Optional<Rule> rule = rules.rule(other.rule());
      if (rule.isEmpty() || !rule.get().inhibits().contains(incident.rule())) {
        continue;
      }
      Duration grace = rule.get().resourceSaver().grace().plusSeconds(30);
      boolean afterStart = !incident.onset().isBefore(other.onset().minus(grace));
      boolean beforeEnd =
          other.resolvedAt() == null || !incident.onset().isAfter(other.resolvedAt().plus(grace));
      if (afterStart && beforeEnd) {
        return true;
      }
    }
    return false;
  }

  private static Alert firing(Incident incident, ActiveAlert alert) {
    return new Alert(
        Alert.fingerprintOf(incident.host(), incident.rule()),
        incident.host(),
        incident.rule(),
        Alert.Status.FIRING,
        incident.severity(),
        incident.title(),
        incident.id(),
        alert.startsAt(),
        null);
  }

  private static Alert resolved(Incident incident, ActiveAlert alert) {
    return new Alert(
        Alert.fingerprintOf(incident.host(), incident.rule()),
        incident.host(),
        incident.rule(),
        Alert.Status.RESOLVED,
        incident.severity(),
        incident.title(),
        incident.id(),
        alert.startsAt(),
        incident.resolvedAt());
  }
}
