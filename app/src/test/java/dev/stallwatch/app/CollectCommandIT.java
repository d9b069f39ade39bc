package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.app.broker.EmbeddedBroker;
import dev.stallwatch.app.broker.TopicProvisioner;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Heartbeat.SourceHealth.Status;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stallwatch collect} as a real process against a real broker, reading a fixture root whose
 * Docker Desktop backend log grows: killed with SIGKILL mid-run and restarted, it loses nothing.
 */
class CollectCommandIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static EmbeddedBroker broker;

  @TempDir static Path brokerDir;
  @TempDir Path work;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedBroker.start(brokerDir.resolve("kafka"));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      new TopicProvisioner(admin).ensureTopics(1, Optional.empty());
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldLoseNothingWhenKilledWithSigkillAndRestarted() throws Exception {
    Path root = machineRoot();
    Path log =
        root.resolve("mnt/c/Users/dev/AppData/Local/Docker/log/host/com.docker.backend.exe.log");
    List<String> lines = new ArrayList<>();
    String[] args = {
      "collect",
      "--bootstrap",
      broker.bootstrapServers(),
      "--root",
      root.toString(),
      "--state-dir",
      work.resolve("state").toString(),
      "--host-id",
      "sigkill-host",
      "--config",
      config().toString()
    };
    try (TelemetryReader reader = new TelemetryReader(broker.bootstrapServers())) {
      try (StallwatchProcess first = StallwatchProcess.start(work, args)) {
        await().atMost(WAIT).until(() -> tailing(reader.poll()));
        appendTransitions(log, 0, 20, lines);
        await().atMost(WAIT).until(() -> evidence(reader.poll()).size() >= 5);
        first.process().destroyForcibly();
        assertThat(first.awaitExit(Duration.ofSeconds(30))).isEqualTo(137);
      }
      appendTransitions(log, 20, 40, lines);
      try (StallwatchProcess second = StallwatchProcess.start(work, args)) {
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> evidence(reader.poll()).containsAll(lines));
        second.stop(Duration.ofSeconds(30));
        assertThat(second.stderr()).doesNotContain("Exception", "\tat ");
      }
      List<TelemetryEvent> received = reader.poll();
      assertThat(evidence(received)).containsAll(lines);
      Set<Long> seqs = received.stream().map(e -> e.envelope().seq()).collect(Collectors.toSet());
      long max = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(seqs)
          .as("seq continues after the restart with no gap")
          .containsAll(LongStream.rangeClosed(0, max).boxed().toList());
    }
  }

  private static boolean tailing(List<TelemetryEvent> events) {
    return events.stream()
        .filter(Heartbeat.class::isInstance)
        .map(e -> ((Heartbeat) e).sources().get("dockerlog"))
        .anyMatch(health -> health != null && health.status() == Status.OK);
  }

  private static Set<String> evidence(List<TelemetryEvent> events) {
    return events.stream()
        .filter(ResourceSaver.class::isInstance)
        .map(e -> ((ResourceSaver) e).evidence())
        .collect(Collectors.toSet());
  }

  /** Alternating Resource Saver entries and exits, each line different. */
  private static void appendTransitions(Path log, int from, int to, List<String> lines)
      throws Exception {
    Instant start = Instant.parse("2026-11-20T09:00:00Z");
    for (int i = from; i < to; i++) {
      String line =
          "[%s][com.docker.backend.exe.idle][I] %s Resource Saver (idle round %d)"
              .formatted(start.plusSeconds(60L * i), i % 2 == 0 ? "entering" : "exiting", i);
      lines.add(line);
      Files.writeString(log, line + "\r\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      Thread.sleep(50);
    }
  }

  private Path config() throws Exception {
    return Files.writeString(
        work.resolve("collector.yaml"),
        "sampleInterval: 200ms\nheartbeatInterval: 500ms\ndocker: {probe: false}\n");
  }

  private Path machineRoot() throws Exception {
    Path root = work.resolve("root");
    Path home = root.resolve("mnt/c/Users/dev");
    Files.createDirectories(home.resolve("AppData/Local/Docker/log/host"));
    Files.writeString(
        home.resolve(".wslconfig"), "[experimental]\r\nautoMemoryReclaim=gradual\r\n");
    Files.writeString(
        home.resolve("AppData/Local/Docker/log/host/com.docker.backend.exe.log"),
        "[2026-11-20T08:58:02.104315600Z][com.docker.backend.exe][I] Docker Desktop backend"
            + " starting\r\n");
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(
        root.resolve("proc/meminfo"),
        "MemTotal:       16318412 kB\nMemFree:        13920848 kB\nCached:          1578260 kB\n");
    return root;
  }
}
