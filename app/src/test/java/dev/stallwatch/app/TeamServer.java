package dev.stallwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.app.up.TeamServices;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.server.DashboardServer;
import dev.stallwatch.server.ServerSecurity;
import dev.stallwatch.server.StackStatus;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import dev.stallwatch.server.team.TeamFeed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One generation of a team's server as {@code up} wires it: a {@link DashboardServer} on loopback
 * over an in-memory index, with the {@link TeamServices} (team log, team feed, alert sinks) on a
 * Kafka broker. Closing it stops all of that; a new one on the same broker is a restarted server.
 * Its {@code get}, {@code post} and {@code delete} ask the API as a client would.
 */
final class TeamServer implements AutoCloseable {

  /** An answer of the API. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private final ServiceStack stack;
  private final URI url;
  private final TeamFeed feed;
  private final HttpClient http = HttpClient.newHttpClient();

  private TeamServer(ServiceStack stack, URI url, TeamFeed feed) {
    this.stack = stack;
    this.url = url;
    this.feed = feed;
  }

  /**
   * Starts a server on {@code bootstrap} and waits until it has read the team's topics as they are
   * now.
   *
   * @param clientId names this generation's Kafka clients
   */
  static TeamServer start(String bootstrap, AlertSinkConfig alerts, String clientId)
      throws Exception {
    ServiceStack stack = new ServiceStack();
    try {
      IncidentIndex index =
          stack.add("search index", IncidentIndex.inMemory(KnowledgeBase.shipped()));
      TeamServices team = TeamServices.prepare(bootstrap, clientId, stack);
      DashboardServer server =
          stack.add(
              "dashboard",
              new DashboardServer(
                  index, StackStatus.NONE, ServerSecurity.LOOPBACK, team.state(), team.log()));
      server.start("127.0.0.1", 0);
      URI url = URI.create("http://127.0.0.1:" + server.port());
      TeamFeed feed =
          team.start(
              alerts, url, server.metrics(), List.of(server.streamListener()), clientId, stack);
      feed.caughtUp().get(CATCH_UP.toSeconds(), TimeUnit.SECONDS);
      return new TeamServer(stack, url, feed);
    } catch (Exception | AssertionError e) {
      stack.close();
      throw e;
    }
  }

  TeamFeed feed() {
    return feed;
  }

  Reply get(String path) throws Exception {
    return send(HttpRequest.newBuilder(url.resolve(path)).GET());
  }

  /** The event stream's lines, read on another thread into {@code lines} until the server stops. */
  void stream(java.util.Queue<String> lines) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url.resolve("/api/stream"))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(request, HttpResponse.BodyHandlers.ofLines());
    Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
  }

  /** A POST with a JSON body, as the API requires. */
  Reply post(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(url.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A DELETE with a JSON body (the author), as the API requires. */
  Reply delete(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(url.resolve(path))
            .header("Content-Type", "application/json")
            .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
  }

  private Reply send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  @Override
  public void close() {
    http.shutdownNow(); // close() would wait for an open event stream to end
    stack.close();
  }
}
