package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.ResourceSaver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest collector on a distro where Docker Desktop shares its backend socket and links the docker
 * command: Resource Saver and the vanishing CLI are seen with no Windows-side collector.
 */
class DockerDesktopGuestTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SOCKET =
      "mnt/wsl/docker-desktop/shared-sockets/host-services/backend.sock";
  private static final String CLI_TOOL = "/mnt/wsl/docker-desktop/cli-tools/usr/bin/docker";
  private static final String RUNNING =
      "{\"vmPaused\":false,\"vmRunning\":true,\"vmStopped\":false,\"reduced\":false,"
          + "\"idle\":false,\"busyReason\":[\"1 container(s)\"],\"containers\":1}";
  private static final String PAUSED =
      "{\"vmPaused\":true,\"vmRunning\":true,\"vmStopped\":false,\"reduced\":true,"
          + "\"idle\":true,\"busyReason\":[],\"containers\":0}";

  @Test
  void shouldSeeResourceSaverFromTheSharedBackendSocketAndTheCliLinkVanishing(@TempDir Path root)
      throws Exception {
    Path tool = root.resolve(CLI_TOOL.substring(1));
    Files.createDirectories(tool.getParent());
    Files.writeString(tool, "#!/bin/sh\n");
    Path link = root.resolve("usr/bin/docker");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(CLI_TOOL));
    Files.createDirectories(root.resolve(SOCKET).getParent());
    CollectorConfig config =
        CollectorConfig.parse(
            "c.yaml",
            """
            sampleInterval: 100ms
            inventoryInterval: 100ms
            docker: {probe: false, backend: {interval: 100ms, timeout: 1s}}
            """,
            null);
    RecordingSink sink = new RecordingSink();

    try (FakeBackend backend = new FakeBackend(root.resolve(SOCKET));
        Collector collector =
            Collector.create(Profile.GUEST, Machine.guest(root), "host-a", sink, config)) {
      backend.answerJson(200, "OK", RUNNING);
      collector.start();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  sink.ofType(Inventory.class).stream()
                      .anyMatch(i -> "answered".equals(i.dockerBackendApi().get("GET /idle"))));

      backend.answerJson(200, "OK", PAUSED);
      Files.delete(link);
      await().atMost(WAIT).until(() -> !sink.ofType(DockerCli.class).isEmpty());
      await().atMost(WAIT).until(() -> !sink.ofType(ResourceSaver.class).isEmpty());
      backend.answerJson(200, "OK", RUNNING);
      Files.createSymbolicLink(link, Path.of(CLI_TOOL));
      await().atMost(WAIT).until(() -> sink.ofType(ResourceSaver.class).size() == 2);
      await().atMost(WAIT).until(() -> sink.ofType(DockerCli.class).size() == 2);
    }

    List<ResourceSaver> transitions = sink.ofType(ResourceSaver.class);
    assertThat(transitions)
        .extracting(ResourceSaver::state, ResourceSaver::seenVia)
        .containsExactly(
            tuple(ResourceSaver.State.ENTERED, ResourceSaver.SeenVia.BACKEND_API),
            tuple(ResourceSaver.State.EXITED, ResourceSaver.SeenVia.BACKEND_API));
    assertThat(transitions.getLast().busyReason()).containsExactly("1 container(s)");
    assertThat(sink.ofType(DockerCli.class))
        .extracting(DockerCli::state)
        .containsExactly(DockerCli.State.MISSING, DockerCli.State.PRESENT);
  }
}
