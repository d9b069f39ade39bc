package dev.stallwatch.server;

import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.server.stream.EventStream;
import dev.stallwatch.server.stream.StreamEventType;
import dev.stallwatch.server.team.AlertStatus;
import dev.stallwatch.server.team.TeamListener;
import dev.stallwatch.server.team.TeamState;

/**
 * Publishes what the team feed reads after its start into the event stream, each in the shape the
 * API answers it: an alert as {@code /api/alerts} lists it, a silence as {@code /api/silences}.
 */
final class StreamPublisher implements TeamListener {

  private final EventStream stream;
  private final TeamState team;

  StreamPublisher(EventStream stream, TeamState team) {
    this.stream = stream;
    this.team = team;
  }

  @Override
  public void incident(Incident incident) {
    stream.publish(StreamEventType.INCIDENT, incident);
  }

  @Override
  public void alert(AlertStatus status) {
    stream.publish(StreamEventType.ALERT, AlertsApi.json(status));
  }

  @Override
  public void silence(Silence silence) {
    team.silence(silence.id())
        .ifPresent(view -> stream.publish(StreamEventType.SILENCE, SilencesApi.json(view)));
  }

  @Override
  public void action(IncidentAction action) {
    stream.publish(StreamEventType.ACTION, IncidentLifecycleApi.action(action));
  }

  @Override
  public void host(HostState host) {
    stream.publish(StreamEventType.HOST, host);
  }
}
