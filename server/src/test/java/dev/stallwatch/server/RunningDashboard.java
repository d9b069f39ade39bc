package dev.stallwatch.server;

import dev.stallwatch.search.IncidentIndex;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A dashboard server on a free local port over an in-memory index of the test incidents (the apt
 * hang, the terminal failure and the hostile log line), with an HTTP client to ask it.
 */
final class RunningDashboard implements AutoCloseable {

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IncidentIndex index = new IncidentIndex(directory);
  private final DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  RunningDashboard() {
    index.upsert(TestIncidents.aptHang());
    index.upsert(TestIncidents.terminalFailure());
    index.upsert(TestIncidents.hostileLogLine());
    index.refresh();
    server = new DashboardServer(index);
    server.start("127.0.0.1", 0);
  }

  /** GET on this server. */
  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return get(server.port(), pathAndQuery);
  }

  /** GET on a server listening on {@code port} of this machine. */
  HttpResponse<String> get(int port, String pathAndQuery) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + pathAndQuery);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws IOException {
    http.close();
    server.close();
    index.close();
    directory.close();
  }
}
