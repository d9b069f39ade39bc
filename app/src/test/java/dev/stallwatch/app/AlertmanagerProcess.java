package dev.stallwatch.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port, with
 * clustering off, a temporary storage dir, and one webhook receiver that notifies at once.
 */
final class AlertmanagerProcess implements AutoCloseable {

  static final String BINARY = "prometheus-alertmanager";

  private final Process process;
  private final URI url;
  private final HttpClient http = HttpClient.newHttpClient();

  private AlertmanagerProcess(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  /** Fails, rather than skips, when the binary is missing: {@code mvn verify} installs it. */
  static AlertmanagerProcess start(Path work, URI receiver) throws Exception {
    Path binary =
        List.of("/usr/bin", "/usr/local/bin", "/bin").stream()
            .map(dir -> Path.of(dir, BINARY))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        BINARY
                            + " is not installed; `mvn verify` installs it (.mvn/test-peers), or"
                            + " run `sudo apt-get install prometheus-alertmanager`"));
    Path config = work.resolve("alertmanager.yml");
    Files.writeString(
        config,
        """
        route:
          receiver: recorder
          group_by: [host, rule]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: recorder
            webhook_configs:
              - url: %s
                send_resolved: true
        """
            .formatted(receiver));
    int port = freePort();
    Path storage = Files.createDirectories(work.resolve("alertmanager-data"));
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("alertmanager.log").toFile())
            .start();
    AlertmanagerProcess alertmanager =
        new AlertmanagerProcess(process, URI.create("http://127.0.0.1:" + port));
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> alertmanager.get("/-/ready").statusCode() == 200);
    return alertmanager;
  }

  URI url() {
    return url;
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds as active, as JSON text. */
  String alerts() throws IOException, InterruptedException {
    return get("/api/v2/alerts").body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
