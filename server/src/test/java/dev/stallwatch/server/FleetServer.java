package dev.stallwatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A dashboard server on a free local port over an in-memory {@link FleetView} that the test fills
 * itself, and an index of the given incidents. The feed from Kafka is exercised by the app module's
 * integration test.
 */
final class FleetServer implements AutoCloseable {

  final FleetView fleet = new FleetView();
  private final IncidentIndex index = new IncidentIndex(new ByteBuffersDirectory());
  private final DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  FleetServer(List<Incident> incidents) {
    incidents.forEach(index::upsert);
    index.refresh();
    server =
        new DashboardServer(
            index,
            StackStatus.NONE,
            ServerSecurity.LOOPBACK,
            new TeamState(Clock.systemUTC()),
            TeamLog.NONE,
            fleet);
    server.start("127.0.0.1", 0);
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET answered 200, as JSON. */
  JsonNode json(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.mapper().readTree(response.body());
  }

  /** A host of WSL 2.5.7.0 on cgroup v2 with Docker Desktop {@code dockerDesktop}. */
  static HostContext context(String name, String reclaim, String dockerDesktop) {
    return new HostContext(
        "2.5.7.0",
        "6.6.87.2-microsoft-standard-WSL2",
        "10.0.26100.4061",
        dockerDesktop,
        reclaim,
        CgroupLayout.V2,
        true,
        true,
        name);
  }

  static HostState host(
      String id,
      HostContext context,
      Instant lastSeen,
      boolean resourceSaver,
      int openIncidents,
      boolean silent,
      int hangs7d,
      Instant lastHang,
      List<String> riskRules) {
    return new HostState(
        id,
        context,
        lastSeen,
        lastSeen,
        100,
        0,
        resourceSaver,
        openIncidents,
        openIncidents > 0 ? List.of("resource-saver-gradual") : List.of(),
        silent,
        hangs7d,
        lastHang,
        riskRules,
        !riskRules.isEmpty() && hangs7d == 0 && lastHang == null,
        List.of(),
        null);
  }

  @Override
  public void close() throws Exception {
    http.close();
    server.close();
    index.close();
  }
}
