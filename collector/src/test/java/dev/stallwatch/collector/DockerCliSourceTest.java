package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.event.DockerCli;
import dev.stallwatch.model.event.TelemetryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distro's docker link, as Docker Desktop 4.81 removes it during Resource Saver. */
class DockerCliSourceTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final String CLI_TOOL = "/mnt/wsl/docker-desktop/cli-tools/usr/bin/docker";

  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);

  private static Path distroWithDockerLink(Path root) throws Exception {
    Path tool = root.resolve(CLI_TOOL.substring(1));
    Files.createDirectories(tool.getParent());
    Files.writeString(tool, "#!/bin/sh\n");
    Path link = root.resolve("usr/bin/docker");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(CLI_TOOL));
    return link;
  }

  private DockerCliSource source(Path root) {
    return new DockerCliSource(root, "/usr/bin/docker", Duration.ofSeconds(5));
  }

  @Test
  void shouldReportTheLinkVanishingAndComingBack(@TempDir Path root) throws Exception {
    Path link = distroWithDockerLink(root);
    DockerCliSource source = source(root);

    List<TelemetryEvent> baseline = source.sample(envelopes, T0);
    Files.delete(link);
    List<TelemetryEvent> vanished = source.sample(envelopes, T0.plusSeconds(5));
    List<TelemetryEvent> stillGone = source.sample(envelopes, T0.plusSeconds(10));
    Files.createSymbolicLink(link, Path.of(CLI_TOOL));
    List<TelemetryEvent> back = source.sample(envelopes, T0.plusSeconds(15));

    assertThat(baseline).isEmpty();
    assertThat(stillGone).isEmpty();
    DockerCli missing = (DockerCli) vanished.getFirst();
    assertThat(missing.state()).isEqualTo(DockerCli.State.MISSING);
    assertThat(missing.path()).isEqualTo("/usr/bin/docker");
    assertThat(missing.detail()).isEqualTo("no such file");
    DockerCli present = (DockerCli) back.getFirst();
    assertThat(present.state()).isEqualTo(DockerCli.State.PRESENT);
    assertThat(present.detail()).isEqualTo("link to " + CLI_TOOL);
    assertThat(present.ts()).isEqualTo(T0.plusSeconds(15));
  }

  @Test
  void shouldCallALinkThatNoLongerResolvesMissing(@TempDir Path root) throws Exception {
    distroWithDockerLink(root);
    DockerCliSource source = source(root);

    source.sample(envelopes, T0);
    Files.delete(root.resolve(CLI_TOOL.substring(1)));
    List<TelemetryEvent> dangling = source.sample(envelopes, T0.plusSeconds(5));

    assertThat(dangling)
        .singleElement()
        .extracting(e -> ((DockerCli) e).detail())
        .isEqualTo("link to " + CLI_TOOL + " does not resolve");
  }

  @Test
  void shouldSayNothingWhereDockerWasNeverInstalledOrOnlyArrives(@TempDir Path root)
      throws Exception {
    DockerCliSource source = source(root);

    List<TelemetryEvent> never = source.sample(envelopes, T0);
    List<TelemetryEvent> stillNever = source.sample(envelopes, T0.plusSeconds(5));
    distroWithDockerLink(root);
    List<TelemetryEvent> installed = source.sample(envelopes, T0.plusSeconds(10));

    assertThat(never).isEmpty();
    assertThat(stillNever).isEmpty();
    assertThat(installed).isEmpty();
  }
}
