package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import java.util.List;

/**
 * An alert as a person sees it: what the analyzer said, and whether it reaches anyone.
 *
 * @param cohort the host's cohort key, when its incident is known
 * @param silencedBy the ids of the silences that cover it
 * @param suppressedBy the incident whose cause explains it, or null
 */
public record AlertStatus(
    Alert alert, String cohort, List<String> silencedBy, Suppressor suppressedBy) {

  public AlertStatus {
    silencedBy = List.copyOf(silencedBy);
  }

  /** {@code suppressed}, {@code silenced}, or the alert's own {@code firing}/{@code resolved}. */
  public String state() {
    if (suppressedBy != null) {
      return "suppressed";
    }
    if (!silencedBy.isEmpty()) {
      return "silenced";
    }
    return alert.status() == Alert.Status.FIRING ? "firing" : "resolved";
  }

  /** Whether the sinks may send it. */
  public boolean sendable() {
    return suppressedBy == null && silencedBy.isEmpty();
  }
}
