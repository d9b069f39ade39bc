package dev.stallwatch.streams.correlation;

import dev.stallwatch.model.Incident;
import java.util.List;

/**
 * The result of feeding one event to the correlator.
 *
 * @param timeline the host's state after the event
 * @param incidents new or changed incidents, in the order they changed
 */
public record Step(HostTimeline timeline, List<Incident> incidents) {

  public Step {
    incidents = List.copyOf(incidents);
  }
}
