package dev.stallwatch.server;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.team.TeamListener;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * What the browser tests of the views run against: a real {@link DashboardServer} over an index and
 * team state of the test incidents (hostile ones included) with two alerts, and a real {@link
 * FleetView} filled from model objects ({@link FleetFixtures}). A change the page makes is applied
 * to the team state and told to the server's {@link DashboardServer#streamListener()}, as the Kafka
 * log and the team feed do in {@code stallwatch up}. The server can be stopped and started again on
 * the same port, as a restart does.
 */
final class ViewsStack implements AutoCloseable {

  final TeamState state = new TeamState(Clock.systemUTC());
  final FleetView fleet = new FleetView();

  /** The incidents in the index, each as it is there. */
  final List<Incident> incidents = FleetFixtures.incidents(Instant.now());

  private final IncidentIndex index = new IncidentIndex(new ByteBuffersDirectory());
  private final Published log;
  private final int port;
  private volatile DashboardServer server;

  ViewsStack() {
    Instant now = Instant.now();
    for (Incident incident : incidents) {
      index.upsert(incident);
      state.apply(incident);
      if (incident.id().equals(TestIncidents.APT_HANG_ID)) {
        state.apply(alert(incident, Alert.Status.FIRING, now));
      } else if (incident.id().equals(TestIncidents.HOSTILE_ID)) {
        state.apply(alert(incident, Alert.Status.RESOLVED, now));
      }
    }
    index.refresh();
    FleetFixtures.fill(fleet, now);
    log = new Published(state);
    server = started(0);
    port = server.port();
  }

  private DashboardServer started(int onPort) {
    DashboardServer started =
        new DashboardServer(index, StackStatus.NONE, ServerSecurity.LOOPBACK, state, log, fleet);
    log.listener = started.streamListener();
    started.start("127.0.0.1", onPort);
    return started;
  }

  private static Alert alert(Incident incident, Alert.Status status, Instant now) {
    return new Alert(
        Alert.fingerprintOf(incident.host(), incident.rule()),
        incident.host(),
        incident.rule(),
        status,
        incident.severity(),
        incident.title(),
        incident.id(),
        now.minusSeconds(3600),
        status == Alert.Status.RESOLVED ? now.minusSeconds(600) : null);
  }

  Incident incident(String id) {
    return incidents.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** What the team feed tells the running server of the changes it reads. */
  TeamListener feed() {
    return log.listener;
  }

  /** Stops the server: each client's event stream ends, and new requests find nobody listening. */
  void stopServer() {
    server.close();
  }

  /**
   * Starts a new server on the same port over the same state, as a restart does: its event ids
   * start above those of the last one, so a client reconnecting with an old id is told to resync.
   */
  void startServerAgain() {
    server = started(port);
  }

  @Override
  public void close() {
    server.close();
    index.close();
  }

  /** Applies each change at once and tells the stream's clients, as the team feed would. */
  private static final class Published implements TeamLog {
    private final TeamState state;
    private volatile TeamListener listener;

    Published(TeamState state) {
      this.state = state;
    }

    @Override
    public void record(Silence silence) {
      state.apply(silence);
      listener.silence(silence);
    }

    @Override
    public void record(IncidentAction action) {
      state.apply(action);
      listener.action(action);
    }

    @Override
    public void record(AuditEntry entry) {
      state.apply(entry);
    }
  }
}
