package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.Severity;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.server.DashboardServer;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stallwatch search}: known issues offline, incidents from a real running server. */
class SearchCommandTest {

  private static IncidentIndex index;
  private static DashboardServer server;
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startServer() {
    index = IncidentIndex.inMemory(KnowledgeBase.shipped());
    Instant at = Instant.parse("2026-04-12T10:11:30Z");
    index.upsert(
        new Incident(
            "inc-build-box-03-1",
            "build-box-03",
            "resource-saver-cgroup-freezer",
            "New WSL terminal failed while Docker Desktop was paused in Resource Saver",
            Incident.Status.OPEN,
            Severity.CRITICAL,
            at,
            at,
            at,
            null,
            0.9,
            List.of(),
            List.of(
                new Evidence(
                    "e1",
                    "distro_probe",
                    at,
                    "wsl -d Ubuntu timed out",
                    "Wsl/Service/E_UNEXPECTED")),
            new HostContext(
                "2.5.7.0", null, null, "4.42.0", null, CgroupLayout.V2, true, true, "bb03-wsl"),
            List.of(KnownIssueRef.of("docker/for-win#14827")),
            "Turn off Resource Saver."));
    index.refresh();
    server = new DashboardServer(index);
    server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stopServer() {
    server.close();
    index.close();
  }

  private int run(String... args) {
    return InProcessCli.run(out, err, args);
  }

  @Test
  void printsKnownIssuesAndTheServersIncidentsWithTheirVersionVerdict() {
    int exit =
        run(
            "search",
            "Wsl/Service/E_UNEXPECTED",
            "--server",
            "http://127.0.0.1:" + server.port(),
            "--data-dir",
            dataDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Known issues:", "docker/for-win#14827", "Incidents (1 match")
        .contains("build-box-03 (bb03-wsl)  New WSL terminal failed")
        .contains(
            "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; bb03-wsl runs"
                + " 4.42.0");
  }

  @Test
  void withoutAServerItSaysSoAndStillPrintsTheKnownIssues() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int exit =
        run(
            "search",
            "sudo apt update hangs",
            "--server",
            "http://127.0.0.1:" + closedPort,
            "--json",
            "--data-dir",
            dataDir.toString());

    assertThat(exit).isZero();
    JsonNode body = Json.mapper().readTree(out.toString());
    assertThat(body.path("knownIssues").size()).isPositive();
    assertThat(body.path("incidents").isNull()).isTrue();
    assertThat(body.path("server").asText()).contains("does not answer");
  }

  @Test
  void aQueryTheServerRefusesIsOneLineAndExitCode2() {
    int exit =
        run(
            "search",
            "hang status:sleeping",
            "--server",
            "http://127.0.0.1:" + server.port(),
            "--data-dir",
            dataDir.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("stallwatch: status: is open or resolved, not 'sleeping'.");
  }
}
