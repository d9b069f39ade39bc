package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.streams.correlation.AnalysisSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stallwatch up} as a user runs it: a real process, a real broker, a real browser API. */
class UpCommandIT {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A stop soon after a restart took 15 to 35 s while the analyzer waited out the session of its
   * member from before the restart; it takes a few seconds now.
   */
  private static final Duration QUICK_STOP = Duration.ofSeconds(15);

  /** The simulated team's host ids; the local collector's is a hash. */
  private static final String DEMO_HOST_PREFIX = "dev-";

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path work;

  @Test
  void shouldSendTheDemoOnceAndKeepItsIncidentsAndBrokerAddressAcrossAQuickRestart()
      throws Exception {
    int port = freePort();
    Path data = work.resolve("data");
    String bootstrap;
    FirstRun first;
    try (StallwatchProcess up = startUp(port, data)) {
      // Start-up included: on a busy two-core machine it alone can take a minute.
      Incident correlated =
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> correlatedIncident(port), Optional::isPresent)
              .orElseThrow();
      bootstrap = Files.readString(data.resolve("bootstrap")).strip();
      assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(up.stdout())
          .contains("stallwatch is up: http://127.0.0.1:" + port + "/")
          .contains("Kafka: " + bootstrap);
      assertThat(get(port, "/").body()).contains("<html", "stallwatch");
      try (BrokerProbe broker = new BrokerProbe(bootstrap)) {
        first = awaitDemoScenarioApplied(up, data, broker);
        awaitProgressInMetrics(port, broker);
      }
      assertThat(first.incidents()).contains(correlated.id());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> demoIncidentIds(port).equals(first.incidents()));

      int exit = up.stop(STOP_TIMEOUT);

      assertThat(exit).isIn(0, 130, 143);
      assertThat(up.stderr()).doesNotContain("Exception", "\tat ");
    }
    assertThat(portIsFree(port)).as("dashboard port released").isTrue();

    try (StallwatchProcess again = startUp(port, data)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> again.stdout().contains("stallwatch is up"));
      assertThat(again.stdout()).as("same broker address").contains("Kafka: " + bootstrap);
      try (BrokerProbe broker = new BrokerProbe(bootstrap)) {
        // The restarted fleet sends its heartbeats only after anything it would send again.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> demoHosts(broker.telemetry(), e -> e.envelope().seq() > first.lastSeq()),
                hosts -> hosts.equals(first.hosts()));
        assertThat(broker.telemetry().stream().filter(UpCommandIT::demoScenarioEvent).count())
            .as("demo scenario events after the restart")
            .isEqualTo(first.scenarioEvents());
      }
      assertThat(demoIncidentIds(port)).isEqualTo(first.incidents());

      long stopping = System.nanoTime();
      int exit = again.stop(STOP_TIMEOUT);
      Duration stopTime = Duration.ofNanos(System.nanoTime() - stopping);

      assertThat(stopTime).as("stop soon after a restart").isLessThan(QUICK_STOP);
      assertThat(exit).isIn(0, 130, 143);
      assertThat(again.stderr()).doesNotContain("Exception", "\tat ");
    }
  }

  /** What the first run left: the demo's scenario on the topic and the incidents it made. */
  private record FirstRun(
      long scenarioEvents, long lastSeq, Set<String> hosts, Set<String> incidents) {}

  /**
   * Waits until the analyzer has applied the whole demo scenario: every event the fleet says it
   * sent is on the topic, every demo host has since sent a heartbeat a grace later (which releases
   * what the analyzer holds back), and the analyzer has processed that far.
   */
  private static FirstRun awaitDemoScenarioApplied(
      StallwatchProcess up, Path data, BrokerProbe broker) throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> up.stderr().contains("demo fleet: scenario sent"));
    Properties progress = new Properties();
    try (Reader reader = Files.newBufferedReader(data.resolve("demo/scenario.properties"))) {
      progress.load(reader);
    }
    long sent = Long.parseLong(progress.getProperty("sent"));
    List<TelemetryEvent> scenario =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> broker.telemetry().stream().filter(UpCommandIT::demoScenarioEvent).toList(),
                events -> events.size() == sent);
    Set<String> hosts = demoHosts(scenario, e -> true);
    Instant released =
        scenario.stream()
            .map(TelemetryEvent::ts)
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .plus(AnalysisSettings.DEFAULTS.grace());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                demoHosts(
                    broker.telemetry(), e -> e instanceof Heartbeat && e.ts().isAfter(released)),
            hosts::equals);
    Map<TopicPartition, Long> end = broker.telemetryEnd();
    await().atMost(Duration.ofSeconds(60)).until(() -> broker.analyzerProcessed(end));
    long lastSeq =
        broker.telemetry().stream()
            .filter(e -> hosts.contains(e.host()))
            .mapToLong(e -> e.envelope().seq())
            .max()
            .orElseThrow();
    return new FirstRun(sent, lastSeq, hosts, broker.incidentIds(UpCommandIT::demoIncident));
  }

  /**
   * {@code /metrics} counts the events on the telemetry topic, and shows the analyzer's and the
   * index's lag as numbers: the analyzer has committed offsets, the index reads the incidents.
   */
  private void awaitProgressInMetrics(int port, BrokerProbe broker) throws Exception {
    long written = broker.telemetryEnd().values().stream().mapToLong(Long::longValue).sum();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String metrics = get(port, "/metrics").body();
              assertThat(series(metrics, "stallwatch_events_in_total"))
                  .isGreaterThanOrEqualTo(written);
              assertThat(series(metrics, "stallwatch_analyzer_lag_records")).isNotNaN();
              assertThat(series(metrics, "stallwatch_index_lag_records")).isNotNaN();
            });
  }

  private static double series(String metrics, String name) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing from /metrics"));
  }

  private StallwatchProcess startUp(int port, Path data) throws IOException {
    return StallwatchProcess.start(
        work, "up", "--demo", "--port", String.valueOf(port), "--data-dir", data.toString());
  }

  /** An event of the demo's script, not one of the heartbeats and samples that keep it alive. */
  private static boolean demoScenarioEvent(TelemetryEvent event) {
    return event.host().startsWith(DEMO_HOST_PREFIX)
        && !(event instanceof Heartbeat)
        && !(event instanceof Memory);
  }

  private static boolean demoIncident(Incident incident) {
    return incident.host().startsWith(DEMO_HOST_PREFIX);
  }

  private static Set<String> demoHosts(
      List<TelemetryEvent> events, Predicate<TelemetryEvent> which) {
    return events.stream()
        .filter(e -> e.host().startsWith(DEMO_HOST_PREFIX) && which.test(e))
        .map(TelemetryEvent::host)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> demoIncidentIds(int port) throws IOException, InterruptedException {
    return incidents(port).stream()
        .filter(UpCommandIT::demoIncident)
        .map(Incident::id)
        .collect(Collectors.toCollection(TreeSet::new));
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
