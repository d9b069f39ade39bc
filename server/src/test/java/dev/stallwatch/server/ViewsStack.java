package dev.stallwatch.server;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.stream.StreamEventType;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * What the browser tests of the views run against: a real {@link DashboardServer} with team state
 * over the test incidents (hostile ones included) and two alerts, behind a {@link FleetFront} that
 * answers the fleet routes. A change the page makes is applied to the team state and published on
 * the front's event stream, as the Kafka log and the team feed do in {@code stallwatch up}.
 */
final class ViewsStack implements AutoCloseable {

  final TeamState state = new TeamState(Clock.systemUTC());
  private final IncidentIndex index = new IncidentIndex(new ByteBuffersDirectory());
  private final DashboardServer server;
  private final FleetFront front;
  private final Published log;

  ViewsStack() {
    for (Incident incident :
        List.of(
            TestIncidents.aptHang(), TestIncidents.terminalFailure(), TestIncidents.hostile())) {
      index.upsert(incident);
      state.apply(incident);
    }
    index.refresh();
    state.apply(alert(TestIncidents.aptHang(), "dev-laptop-07", Alert.Status.FIRING));
    state.apply(alert(TestIncidents.hostile(), FleetFixtures.HOSTILE_NAME, Alert.Status.RESOLVED));
    log = new Published(state);
    server = new DashboardServer(index, StackStatus.NONE, ServerSecurity.LOOPBACK, state, log);
    server.start("127.0.0.1", 0);
    front = new FleetFront(URI.create("http://127.0.0.1:" + server.port() + "/"));
    log.front = front;
  }

  private static Alert alert(Incident incident, String host, Alert.Status status) {
    return new Alert(
        Alert.fingerprintOf(host, incident.rule()),
        host,
        incident.rule(),
        status,
        incident.severity(),
        incident.title(),
        incident.id(),
        Instant.now().minusSeconds(3600),
        status == Alert.Status.RESOLVED ? Instant.now().minusSeconds(600) : null);
  }

  String url() {
    return front.url();
  }

  FleetFront front() {
    return front;
  }

  @Override
  public void close() {
    front.close();
    server.close();
    index.close();
  }

  /** Applies each change at once and tells the stream's clients, as the team feed would. */
  private static final class Published implements TeamLog {
    private final TeamState state;
    private volatile FleetFront front;

    Published(TeamState state) {
      this.state = state;
    }

    @Override
    public void record(Silence silence) {
      state.apply(silence);
      state
          .silence(silence.id())
          .ifPresent(view -> front.publish(StreamEventType.SILENCE, SilencesApi.json(view)));
    }

    @Override
    public void record(IncidentAction action) {
      state.apply(action);
      front.publish(StreamEventType.ACTION, IncidentLifecycleApi.action(action));
    }

    @Override
    public void record(AuditEntry entry) {
      state.apply(entry);
    }
  }
}
