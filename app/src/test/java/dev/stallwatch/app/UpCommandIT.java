package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stallwatch up} as a user runs it: a real process, a real broker, a real browser API. */
class UpCommandIT {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path work;

  @Test
  void shouldShowACorrelatedDemoIncidentAndKeepItAcrossARestart() throws Exception {
    int port = freePort();
    Path data = work.resolve("data");
    Incident correlated;
    try (StallwatchProcess up =
        StallwatchProcess.start(
            work, "up", "--demo", "--port", String.valueOf(port), "--data-dir", data.toString())) {
      correlated =
          await()
              .atMost(Duration.ofSeconds(90))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> correlatedIncident(port), Optional::isPresent)
              .orElseThrow();
      assertThat(up.stdout()).contains("stallwatch is up: http://127.0.0.1:" + port + "/");
      assertThat(get(port, "/").body()).contains("<html", "stallwatch");

      int exit = up.stop(STOP_TIMEOUT);

      assertThat(exit).isIn(0, 130, 143);
      assertThat(up.stderr()).doesNotContain("Exception", "\tat ");
    }
    assertThat(portIsFree(port)).as("dashboard port released").isTrue();

    try (StallwatchProcess again =
        StallwatchProcess.start(
            work, "up", "--port", String.valueOf(port), "--data-dir", data.toString())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> incidentIds(port).contains(correlated.id()));
      again.stop(STOP_TIMEOUT);
    }
  }

  @Test
  void shouldRefuseAPortInUseInOneLineWithExitCode2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        StallwatchProcess up =
            StallwatchProcess.start(
                work,
                "up",
                "--port",
                String.valueOf(taken.getLocalPort()),
                "--data-dir",
                work.resolve("data").toString())) {
      int exit = up.awaitExit(Duration.ofSeconds(30));

      assertThat(exit).isEqualTo(2);
      assertThat(up.stderr().strip())
          .isEqualTo(
              "stallwatch: port %d on 127.0.0.1 is already in use (choose another with --port)"
                  .formatted(taken.getLocalPort()));
    }
  }

  @Test
  void shouldRefuseADataDirectoryItCannotWriteWithExitCode2() throws Exception {
    Path notADirectory = Files.writeString(work.resolve("plain-file"), "x");
    try (StallwatchProcess up =
        StallwatchProcess.start(
            work, "up", "--port", "0", "--data-dir", notADirectory.resolve("data").toString())) {
      int exit = up.awaitExit(Duration.ofSeconds(30));

      assertThat(exit).isEqualTo(2);
      assertThat(up.stderr().strip())
          .startsWith("stallwatch: cannot write to the data directory")
          .doesNotContain("\n");
    }
  }

  private Optional<Incident> correlatedIncident(int port) throws IOException, InterruptedException {
    return incidents(port).stream()
        .filter(incident -> incident.rule().equals("resource-saver-gradual"))
        .findFirst();
  }

  private List<String> incidentIds(int port) throws IOException, InterruptedException {
    return incidents(port).stream().map(Incident::id).toList();
  }

  private List<Incident> incidents(int port) throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = get(port, "/api/incidents");
    } catch (IOException notUpYet) {
      return List.of();
    }
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.mapper().readValue(response.body(), new TypeReference<List<Incident>>() {});
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
