package dev.stallwatch.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.Evidence;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.KnownIssueRef;
import dev.stallwatch.model.MalformedRecordException;
import dev.stallwatch.model.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

  private static final Incident INCIDENT =
      new Incident(
          "inc-1",
          "dev-laptop-07",
          "resource-saver-gradual",
          "Hang during Docker Desktop Resource Saver with autoMemoryReclaim=gradual",
          Incident.Status.OPEN,
          Severity.CRITICAL,
          Instant.parse("2026-11-20T09:06:03Z"),
          Instant.parse("2026-11-20T09:08:05Z"),
          Instant.parse("2026-11-20T09:08:05Z"),
          null,
          0.9,
          List.of("hang began 63 s after Resource Saver was entered"),
          List.of(
              new Evidence(
                  "e8",
                  "hung_task",
                  Instant.parse("2026-11-20T09:08:05Z"),
                  "apt-get:4711 blocked for more than 122 s",
                  "INFO: task apt-get:4711 blocked for more than 122 seconds.")),
          new HostContext("2.5.7.0", null, null, "4.42.0", "gradual", CgroupLayout.V2, true, true),
          List.of(KnownIssueRef.of("microsoft/WSL#11066")),
          "Set autoMemoryReclaim=dropcache in .wslconfig, then wsl --shutdown.");

  @Test
  void shouldRoundTripAnIncidentThroughItsTopicSerde() {
    var serde = Topics.INCIDENTS.valueSerde();

    byte[] bytes = serde.serializer().serialize(Topics.INCIDENTS.name(), INCIDENT);
    Incident read = serde.deserializer().deserialize(Topics.INCIDENTS.name(), bytes);

    assertThat(read).isEqualTo(INCIDENT);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"severity\":\"critical\"", "\"cgroupLayout\":\"v2\"")
        .doesNotContain("resolvedAt");
  }

  @Test
  void shouldNameTheTopicWhenAnIncidentCannotBeRead() {
    var deserializer = Topics.INCIDENTS.valueSerde().deserializer();
    byte[] broken = "{\"id\":\"inc-1\",".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer.deserialize("stallwatch.incidents", broken))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("Incident on stallwatch.incidents");
  }

  @Test
  void shouldCompactTheTopicsThatHoldCurrentState() {
    assertThat(Topics.ALL)
        .filteredOn(Topic::compacted)
        .extracting(Topic::name)
        .containsExactlyInAnyOrder(
            "stallwatch.incidents",
            "stallwatch.hosts",
            "stallwatch.cohorts",
            "stallwatch.mitigations",
            "stallwatch.silences",
            "stallwatch.incident-actions");
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
  }

  @Test
  void shouldLinkAKnownIssueToItsGitHubPage() {
    assertThat(KnownIssueRef.of("docker/for-win#14656").url())
        .isEqualTo("https://github.com/docker/for-win/issues/14656");
    assertThatThrownBy(() -> KnownIssueRef.of("for-win 14656"))
        .hasMessageContaining("owner/repo#123");
  }
}
