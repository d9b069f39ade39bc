package dev.stallwatch.streams;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;

/** What the correlation processor forwards; the topology routes each kind to its topic. */
sealed interface Output {

  record IncidentVersion(Incident incident) implements Output {}

  record AlertChange(Alert alert) implements Output {}

  record HostUpdate(HostState state) implements Output {}
}
