package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import java.util.List;

/**
 * The result of feeding the correlator one event (or one passage of time).
 *
 * @param timeline the host's state after it
 * @param incidents new or changed incidents, in the order they changed
 * @param alerts alerts that fired or resolved because of those changes
 */
public record Step(HostTimeline timeline, List<Incident> incidents, List<Alert> alerts) {

  public Step {
    incidents = List.copyOf(incidents);
    alerts = List.copyOf(alerts);
  }
}
