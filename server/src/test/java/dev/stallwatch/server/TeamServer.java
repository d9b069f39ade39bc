package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.IncidentAction;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A dashboard server with team state over the test incidents, whose changes are applied to its
 * state directly. The real log, on Kafka, is exercised by the app module's integration tests.
 */
final class TeamServer implements AutoCloseable {

  final TeamState state = new TeamState(Clock.systemUTC());
  private final IncidentIndex index = new IncidentIndex(new ByteBuffersDirectory());
  private final DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  TeamServer(ServerSecurity security, boolean canRecord) {
    List<Incident> incidents =
        List.of(
            TestIncidents.aptHang(),
            TestIncidents.terminalFailure(),
            TestIncidents.hostileLogLine());
    incidents.forEach(
        i -> {
          index.upsert(i);
          state.apply(i);
        });
    index.refresh();
    server =
        new DashboardServer(
            index,
            StackStatus.NONE,
            security,
            state,
            canRecord ? new Applied(state) : TeamLog.NONE);
    server.start("127.0.0.1", 0);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    var request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Override
  public void close() throws java.io.IOException {
    http.close();
    server.close();
    index.close();
  }

  /** Applies each change at once, as the Kafka log does once the brokers stored it. */
  private record Applied(TeamState state) implements TeamLog {
    @Override
    public void record(Silence silence) {
      state.apply(silence);
    }

    @Override
    public void record(IncidentAction action) {
      state.apply(action);
    }

    @Override
    public void record(AuditEntry entry) {
      state.apply(entry);
    }
  }
}
