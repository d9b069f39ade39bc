package dev.stallwatch.server;

import dev.stallwatch.model.Incident;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.server.stream.StreamSettings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A dashboard server on a free local port over an in-memory index of the test incidents (the apt
 * hang, the terminal failure and the hostile log line, unless given others), with an HTTP client to
 * ask it.
 */
final class RunningDashboard implements AutoCloseable {

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IncidentIndex index = new IncidentIndex(directory);
  private final DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  RunningDashboard() {
    this(
        List.of(
            TestIncidents.aptHang(),
            TestIncidents.terminalFailure(),
            TestIncidents.hostileLogLine()));
  }

  /** A dashboard over these incidents instead. */
  RunningDashboard(List<Incident> incidents) {
    this(incidents, StreamSettings.DEFAULTS);
  }

  /** A dashboard over the test incidents whose event stream keeps and paces as {@code stream}. */
  RunningDashboard(StreamSettings stream) {
    this(List.of(TestIncidents.aptHang()), stream);
  }

  private RunningDashboard(List<Incident> incidents, StreamSettings stream) {
    incidents.forEach(index::upsert);
    index.refresh();
    server = new DashboardServer(index, StackStatus.NONE, ServerSecurity.LOOPBACK, stream);
    server.start("127.0.0.1", 0);
  }

  DashboardServer server() {
    return server;
  }

  /** GET on this server. */
  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return get(server.port(), pathAndQuery);
  }

  /** A request to this server, built on from {@code pathAndQuery}, with any method or headers. */
  HttpResponse<String> send(String pathAndQuery, UnaryOperator<HttpRequest.Builder> request)
      throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    return http.send(
        request.apply(HttpRequest.newBuilder(uri)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What {@link #rawGet} read: the status, headers and body of one response. */
  record RawResponse(int statusCode, HttpHeaders headers, String body) {}

  /**
   * GET with {@code pathAndQuery} sent byte for byte, for request lines {@link URI} refuses to
   * build (a malformed percent-encoding such as {@code %zz}).
   */
  RawResponse rawGet(String pathAndQuery) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      String request =
          "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] head = response.substring(0, end).split("\r\n");
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        headers
            .computeIfAbsent(head[i].substring(0, colon), name -> new ArrayList<>())
            .add(head[i].substring(colon + 1).strip());
      }
      return new RawResponse(
          Integer.parseInt(head[0].split(" ")[1]),
          HttpHeaders.of(headers, (name, value) -> true),
          response.substring(end + 4));
    }
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
