package dev.stallwatch.server.team;

import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;

/**
 * Told of each change the {@link TeamFeed} reads after its start, on the feed's thread: what was on
 * the topics before is state, not news. Implementations must not block.
 */
public interface TeamListener {

  default void incident(Incident incident) {}

  /** An alert, once its incident is known or it waited long enough (see {@link TeamFeed}). */
  default void alert(AlertStatus status) {}

  default void silence(Silence silence) {}

  default void action(IncidentAction action) {}

  default void host(HostState host) {}
}
