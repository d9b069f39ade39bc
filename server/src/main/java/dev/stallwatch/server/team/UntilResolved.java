package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.team.Silence;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a silence that lasts "until resolved" ends: it covers every matching alert that fires from
 * its start until it ends, and ends once it covered at least one and all of those have resolved. An
 * alert that fires after that is not covered: the silence was for the trouble at hand, not the
 * host's next one.
 */
final class UntilResolved {

  private UntilResolved() {}

  static Optional<Instant> end(
      Silence silence, List<Alert> episodes, Function<Alert, String> cohortOf) {
    List<Alert> covered =
        episodes.stream()
            .filter(a -> silence.matchers().matches(a.host(), a.rule(), cohortOf.apply(a)))
            .filter(a -> a.endsAt() == null || a.endsAt().isAfter(silence.startsAt()))
            .sorted(Comparator.comparing(Alert::startsAt))
            .toList();
    Instant end = null;
    for (Alert alert : covered) {
      if (end != null && !alert.startsAt().isBefore(end)) {
        break; // it fired after everything the silence covered had resolved
      }
      if (alert.status() == Alert.Status.FIRING || alert.endsAt() == null) {
        return Optional.empty();
      }
      if (end == null || alert.endsAt().isAfter(end)) {
        end = alert.endsAt();
      }
    }
    return Optional.ofNullable(end);
  }
}
