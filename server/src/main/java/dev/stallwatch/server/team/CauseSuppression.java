package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A cause suppresses its symptoms: an alert whose rule only says "a hang nobody explained" is not
 * sent while another incident on the same host, whose rule names a cause ({@code vm-freeze}, {@code
 * resource-saver-*}, {@code docker-paused}...), overlaps it in time. The person gets the alert that
 * says why, not a second one that says nothing.
 *
 * <p>The analyzer already mutes an alert at its source when a rule that {@code inhibits} it has an
 * incident on the host as the alert opens (only {@code vm-freeze} does, in the shipped rules). This
 * is the server's side: judged at every send and re-send with everything known then, a cause whose
 * evidence arrived after the symptom's alert included, and shown in the API.
 */
final class CauseSuppression {

  /** Rules that report a symptom without a cause. */
  static final Set<String> SYMPTOMS = Set.of("unexplained-hang");

  private CauseSuppression() {}

  /**
   * The explaining incident among {@code sameHost}, the earliest if several, or null when the alert
   * is not a symptom or nothing explains it.
   */
  static Suppressor suppressor(Alert alert, List<Incident> sameHost) {
    if (!SYMPTOMS.contains(alert.rule())) {
      return null;
    }
    Instant alertEnd = alert.endsAt() == null ? Instant.MAX : alert.endsAt();
    return sameHost.stream()
        .filter(i -> !SYMPTOMS.contains(i.rule()))
        .filter(i -> !i.onset().isAfter(alertEnd))
        .filter(i -> i.resolvedAt() == null || !i.resolvedAt().isBefore(alert.startsAt()))
        .min(Comparator.comparing(Incident::onset))
        .map(i -> new Suppressor(i.id(), i.rule()))
        .orElse(null);
  }
}
