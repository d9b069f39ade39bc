package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.stallwatch.model.event.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code docker version} on a machine without Docker Desktop is an answer, said once at INFO; only
 * a docker that cannot be run or answers something else is a WARN.
 */
class DockerVersionTest {

  private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
  private static final Path FORMATS = Fixtures.root(Fixtures.FORMATS);

  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(InventorySource.class);

  @TempDir Path bin;
  @TempDir Path home;

  @BeforeEach
  void captureLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(log);
  }

  /** A docker that prints the fixture, as the real one prints its stdout and stderr. */
  private InventorySource withDocker(String body) throws Exception {
    Path docker = FakeExecutables.script(bin, "docker", body);
    return new InventorySource(
        null, home, null, null, docker, Duration.ofSeconds(60), new HostFacts());
  }

  /** Samples twice with Docker Desktop's settings file changed between, so docker runs twice. */
  private List<Inventory> sampleTwice(InventorySource source) throws Exception {
    Path settings = home.resolve("AppData/Roaming/Docker/settings-store.json");
    Files.createDirectories(settings.getParent());
    Files.writeString(settings, "{}");
    Inventory first = (Inventory) source.sample(envelopes, NOW).getFirst();
    Files.writeString(settings, "{\"UseResourceSaver\": false}");
    Files.setLastModifiedTime(settings, FileTime.from(NOW.plusSeconds(3600)));
    Inventory second = (Inventory) source.sample(envelopes, NOW.plusSeconds(60)).getFirst();
    return List.of(first, second);
  }

  private List<String> logged(Level level) {
    return log.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void shouldSayOnceAtInfoThatAPlainDockerCliHasNoDockerDesktop() throws Exception {
    Path output = FORMATS.resolve("docker-version-no-server.txt");
    InventorySource source = withDocker("cat '" + output + "'; exit 1");

    List<Inventory> inventories = sampleTwice(source);

    assertThat(inventories).extracting(Inventory::dockerDesktopVersion).containsOnlyNulls();
    assertThat(logged(Level.WARN)).isEmpty();
    assertThat(logged(Level.INFO))
        .containsExactly(
            "no Docker Desktop version to report: docker version shows a client but no server:"
                + " Docker Desktop is not installed or not running");
  }

  @Test
  void shouldNameTheEngineDockerTalksToWhenItIsNotDockerDesktop() throws Exception {
    InventorySource source =
        withDocker("cat '" + FORMATS.resolve("docker-version-engine.txt") + "'");

    sampleTwice(source);

    assertThat(logged(Level.WARN)).isEmpty();
    assertThat(logged(Level.INFO))
        .singleElement()
        .asString()
        .contains("'Server: Docker Engine - Community': Docker Desktop is not installed")
        .doesNotContain("\\x0a");
  }

  @Test
  void shouldWarnWhenDockerAnswersSomethingThatIsNotItsVersion() throws Exception {
    InventorySource source = withDocker("echo 'segmentation fault'; exit 139");

    sampleTwice(source);

    assertThat(logged(Level.INFO)).isEmpty();
    assertThat(logged(Level.WARN))
        .containsExactly(
            "cannot read docker version: not the output of docker version (no 'Client:'"
                + " section): segmentation fault");
  }

  @Test
  void shouldStillReadTheVersionOfDockerDesktop() throws Exception {
    InventorySource source = withDocker("cat '" + FORMATS.resolve("docker-version.txt") + "'");

    assertThat(sampleTwice(source))
        .extracting(Inventory::dockerDesktopVersion)
        .containsOnly("4.42.0");
    assertThat(log.list).isEmpty();
  }

  @Test
  void shouldTellWhyAFileShowsNoDockerDesktopVersion() throws Exception {
    DockerDesktopParsers.DockerVersion engine =
        DockerDesktopParsers.dockerVersion(Fixtures.formatText("docker-version-engine.txt"));

    assertThat(engine.desktopVersion()).isNull();
    assertThat(engine.withoutDesktop())
        .isEqualTo(
            "docker version shows 'Server: Docker Engine - Community': Docker Desktop is not"
                + " installed, docker talks to another engine");
  }
}
