package dev.stallwatch.server.team;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.IncidentAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An incident's history: opened and resolved from the incident itself, escalations,
 * acknowledgements and notes from its actions, and whether its alert was silenced or suppressed.
 */
final class IncidentHistory {

  private IncidentHistory() {}

  static List<HistoryEntry> of(
      Incident incident, List<IncidentAction> actions, Optional<AlertStatus> alert) {
    List<HistoryEntry> entries = new ArrayList<>();
    entries.add(new HistoryEntry(incident.openedAt(), "opened", null, incident.title()));
    for (IncidentAction action : actions) {
      entries.add(
          switch (action.kind()) {
            case ESCALATED ->
                new HistoryEntry(action.at(), "escalated", null, "severity " + action.text());
            case ACKNOWLEDGED ->
                new HistoryEntry(action.at(), "acknowledged", action.by(), action.text());
            case NOTE -> new HistoryEntry(action.at(), "note", action.by(), action.text());
          });
    }
    alert.ifPresent(
        status -> {
          if (status.suppressedBy() != null) {
            entries.add(
                new HistoryEntry(
                    status.alert().startsAt(),
                    "suppressed",
                    null,
                    "explained by %s (%s); its alert was not sent"
                        .formatted(
                            status.suppressedBy().incidentId(), status.suppressedBy().rule())));
          }
          if (!status.silencedBy().isEmpty()) {
            entries.add(
                new HistoryEntry(
                    status.alert().startsAt(),
                    "silenced",
                    null,
                    "by silence " + String.join(", ", status.silencedBy())));
          }
        });
    if (incident.resolvedAt() != null) {
      entries.add(new HistoryEntry(incident.resolvedAt(), "resolved", null, null));
    }
    // "opened" comes first and "resolved" never before it, even when the evidence that opened the
    // incident is newer than its end (a freeze reported once the VM runs again); the times shown
    // stay the true ones.
    entries.sort(
        Comparator.comparing((HistoryEntry e) -> !e.what().equals("opened"))
            .thenComparing(e -> sortTime(e, incident)));
    return entries;
  }

  private static java.time.Instant sortTime(HistoryEntry entry, Incident incident) {
    if (entry.what().equals("resolved") && entry.at().isBefore(incident.openedAt())) {
      return incident.openedAt();
    }
    return entry.at();
  }
}
