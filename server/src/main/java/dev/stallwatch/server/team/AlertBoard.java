package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every alert episode read from {@code stallwatch.alerts}: one per fingerprint and start, holding
 * its latest version (firing, then resolved). Alertmanager forgets a resolved alert; this keeps it,
 * up to {@link #MAX_EPISODES}, the oldest forgotten first. Not thread-safe: {@link TeamState}
 * guards it.
 */
final class AlertBoard {

  static final int MAX_EPISODES = 20_000;

  private final Map<String, Alert> episodes = new LinkedHashMap<>();

  void apply(Alert alert) {
    String key = alert.fingerprint() + "@" + alert.startsAt();
    Alert previous = episodes.remove(key);
    if (previous != null
        && previous.status() == Alert.Status.RESOLVED
        && alert.status() == Alert.Status.FIRING) {
      episodes.put(key, previous); // a late firing copy must not reopen what resolved
      return;
    }
    episodes.put(key, alert);
    while (episodes.size() > MAX_EPISODES) {
      episodes.remove(episodes.keySet().iterator().next());
    }
  }

  /** Every episode, the most recently changed first. */
  List<Alert> newestFirst() {
    List<Alert> all = new ArrayList<>(episodes.values());
    return all.reversed();
  }

  /** The episode of an incident, if its alert was seen. */
  Alert forIncident(String incidentId) {
    Alert found = null;
    for (Alert alert : episodes.values()) {
      if (incidentId.equals(alert.incidentId())) {
        found = alert;
      }
    }
    return found;
  }
}
