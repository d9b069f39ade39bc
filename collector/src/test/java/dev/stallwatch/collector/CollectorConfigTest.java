package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {

  @Test
  void shouldUseTheDocumentedDefaultsForAnEmptyFile() throws Exception {
    CollectorConfig config = CollectorConfig.parse("c.yaml", "", null);

    assertThat(config.sampleInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.aptStallAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.spool()).isEqualTo(SpoolSettings.defaults());
    assertThat(config.kernelRules).isEqualTo(KernelRules.shipped());
  }

  @Test
  void shouldReadEveryKindOfValue() throws Exception {
    CollectorConfig config =
        CollectorConfig.parse(
            "c.yaml",
            """
            sampleInterval: 1s
            spool: {maxBytes: 8MiB, fsync: always}
            apt: {stallAfter: 2m}
            docker:
              probe: false
              consecutive: 5
              resourceSaver:
                entered: ['engine paused by idle monitor']
            """,
            null);

    assertThat(config.sampleInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.spool()).isEqualTo(new SpoolSettings(8L << 20, FsyncPolicy.ALWAYS));
    assertThat(config.aptStallAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.engineProbe).isFalse();
    assertThat(config.engineProbeConsecutive).isEqualTo(5);
    assertThat(config.resourceSaver.match("idle: engine paused by idle monitor"))
        .contains(ResourceSaver.State.ENTERED);
    assertThat(config.resourceSaver.match("exiting Resource Saver"))
        .contains(ResourceSaver.State.EXITED);
  }

  @Test
  void shouldReadTheBackendApiTheDockerCliAndEngineRequestPatterns() throws Exception {
    CollectorConfig config =
        CollectorConfig.parse(
            "c.yaml",
            """
            docker:
              cli: /usr/local/bin/docker
              backend: {api: false, socket: /run/backend.sock, interval: 30s, timeout: 500ms}
              engineRequests:
                ok: ['"state":"running"']
            """,
            null);

    assertThat(config.backendApi).isFalse();
    assertThat(config.backendSocket).isEqualTo("run/backend.sock");
    assertThat(config.backendInterval).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.backendTimeout).isEqualTo(Duration.ofMillis(500));
    assertThat(config.dockerCli).isEqualTo("usr/local/bin/docker");
    assertThat(config.engineRequests.match("{\"engine\":\"linux/docker\",\"state\":\"running\"}"))
        .contains(ProbeStatus.OK);
    assertThat(config.engineRequests.match("HEAD /_ping (2.0001s): context deadline exceeded"))
        .contains(ProbeStatus.TIMEOUT);
    assertThat(CollectorConfig.defaults().backendApi).isTrue();
    assertThat(CollectorConfig.defaults().backendSocket)
        .isEqualTo("mnt/wsl/docker-desktop/shared-sockets/host-services/backend.sock");
    assertThatThrownBy(
            () ->
                CollectorConfig.parse("c.yaml", "docker: {engineRequests: {failed: ['(']}}", null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("c.yaml: docker.engineRequests.failed: bad pattern");
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "docker: {backend: {port: 1}}", null))
        .hasMessageStartingWith("c.yaml: docker.backend.port: unknown key");
  }

  @Test
  void shouldNameTheFileAndKeyOfEveryMistake() {
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "sampleIntervall: 1s", null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("c.yaml: sampleIntervall: unknown key");
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "apt: {stallAfter: 2 mins}", null))
        .hasMessageStartingWith("c.yaml: apt.stallAfter: expected a positive duration");
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "spool: {fsync: sometimes}", null))
        .hasMessage("c.yaml: spool.fsync: 'sometimes' is not always, interval or never");
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "spool: {maxBytes: 1KiB}", null))
        .hasMessageContaining("spool.maxBytes: spool maxBytes must be at least 64 KiB");
    assertThatThrownBy(
            () ->
                CollectorConfig.parse(
                    "c.yaml", "docker: {resourceSaver: {exited: ['(unclosed']}}", null))
        .hasMessageStartingWith("c.yaml: docker.resourceSaver.exited: bad pattern");
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "docker: {consecutive: 0}", null))
        .hasMessageContaining("docker.consecutive: expected a whole number from 1 to 100");
    assertThatThrownBy(() -> CollectorConfig.parse("c.yaml", "- a\n- b\n", null))
        .hasMessage("c.yaml: expected a mapping");
  }

  @Test
  void shouldLoadKernelRulesNamedRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("rules.yaml"),
        "rules:\n"
            + "  - id: oom\n"
            + "    kind: KERNEL_LOG\n"
            + "    pattern: 'Out of memory: Killed process'\n");
    Path config = Files.writeString(dir.resolve("collector.yaml"), "kernelRules: rules.yaml\n");

    assertThat(CollectorConfig.load(config).kernelRules)
        .extracting(KernelRule::id)
        .containsExactly("oom");
    assertThatThrownBy(() -> CollectorConfig.load(dir.resolve("missing.yaml")))
        .hasMessageStartingWith("cannot read the configuration");
  }
}
