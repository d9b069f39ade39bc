package dev.stallwatch.server.team;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.team.Silence;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a silence that lasts "until resolved" ends: it covers the matching alerts firing from its
 * start on, and ends the first time, after covering at least one, that none of them fires any more.
 * An alert that fires after that is not covered: the silence is over.
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
    Instant lastEnd = null;
    for (Alert alert : covered) {
      if (lastEnd != null && alert.startsAt().isAfter(lastEnd)) {
        return Optional.of(lastEnd); // everything it covered so far had resolved by then
      }
      Instant end = alert.status() == Alert.Status.FIRING ? null : alert.endsAt();
      if (end == null) {
        return Optional.empty(); // still firing: the silence runs on
      }
      lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
    }
    return Optional.ofNullable(lastEnd);
  }
}
