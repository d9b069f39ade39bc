package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.team.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a silence that lasts "until resolved" ends: it covers every matching alert that fires from
 * its start, and ends once it covered at least one and all of those have resolved.
 */
final class UntilResolved {

  private UntilResolved() {}

  static Optional<Instant> end(
      Silence silence, List<Alert> episodes, Function<Alert, String> cohortOf) {
    Instant last = null;
    for (Alert alert : episodes) {
      boolean covered =
          silence.matchers().matches(alert.host(), alert.rule(), cohortOf.apply(alert))
              && (alert.endsAt() == null || alert.endsAt().isAfter(silence.startsAt()));
      if (!covered) {
        continue;
      }
      if (alert.status() == Alert.Status.FIRING || alert.endsAt() == null) {
        return Optional.empty();
      }
      if (last == null || alert.endsAt().isAfter(last)) {
        last = alert.endsAt();
      }
    }
    return Optional.ofNullable(last);
  }
}
