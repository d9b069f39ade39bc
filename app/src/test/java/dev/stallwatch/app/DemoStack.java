package dev.stallwatch.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.app.up.LocalStack;
import dev.stallwatch.app.up.UpSettings;
import dev.stallwatch.model.Json;
import dev.stallwatch.server.ServerSecurity;
import dev.stallwatch.server.alerting.AlertSinkConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code stallwatch up --demo} started in the test's JVM, as {@code up} starts it: embedded broker,
 * analyzer, index, fleet feed, dashboard on a free loopback port, the simulated team. The local
 * collector reads an empty directory instead of this machine, so only the demo's hosts and the
 * test's own appear.
 */
final class DemoStack implements AutoCloseable {

  private final ServiceStack services = new ServiceStack();
  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalStack local;
  private final Path data;

  DemoStack(Path work) throws Exception {
    data = work.resolve("data");
    Path emptyRoot = Files.createDirectories(work.resolve("machine"));
    try {
      local =
          LocalStack.start(
              new UpSettings(
                  data,
                  "127.0.0.1",
                  0,
                  true,
                  emptyRoot,
                  ServerSecurity.LOOPBACK,
                  AlertSinkConfig.NONE),
              services);
    } catch (Exception e) {
      services.close();
      throw e;
    }
  }

  /** The dashboard's address, ending in a slash. */
  String url() {
    return local.dashboardUrl().toString();
  }

  /** The dashboard's address without the slash, as {@code --server} takes it. */
  String server() {
    return url().substring(0, url().length() - 1);
  }

  /** The embedded broker's address, read from {@code DATA/bootstrap} as a user would. */
  String bootstrap() throws IOException {
    return Files.readString(data.resolve(LocalStack.BOOTSTRAP_FILE)).strip();
  }

  /** The JSON answer to {@code GET path}; fails on any status but 200. */
  JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server() + path)).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + ": HTTP " + response.statusCode());
    }
    return Json.mapper().readTree(response.body());
  }

  /** Waits up to {@code timeout} for an incident (from {@code /api/incidents}) that matches. */
  JsonNode awaitIncident(Predicate<JsonNode> which, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> incident(which), Optional::isPresent)
        .orElseThrow();
  }

  private Optional<JsonNode> incident(Predicate<JsonNode> which) throws Exception {
    for (JsonNode incident : get("/api/incidents?limit=500")) {
      if (which.test(incident)) {
        return Optional.of(incident);
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    services.close();
  }
}
