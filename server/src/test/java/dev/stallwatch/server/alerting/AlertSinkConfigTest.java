package dev.stallwatch.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSinkConfigTest {

  @TempDir Path dir;

  @Test
  void shouldAllowResendIntervalsFrom30SecondsTo3Minutes() {
    assertThat(AlertSinkConfig.checkInterval(Duration.ofSeconds(30))).hasSeconds(30);
    assertThat(AlertSinkConfig.checkInterval(Duration.ofMinutes(3))).hasMinutes(3);
    assertThat(AlertSinkConfig.NONE.resendInterval()).hasSeconds(60);
  }

  @Test
  void shouldRefuseResendIntervalsOutsideTheRangeSayingIt() {
    assertThatThrownBy(() -> AlertSinkConfig.checkInterval(Duration.ofSeconds(29)))
        .hasMessageContaining("between 30s and 3m")
        .hasMessageContaining("was 29s");
    assertThatThrownBy(() -> AlertSinkConfig.NONE.withResendInterval(Duration.ofSeconds(181)))
        .hasMessageContaining("was 181s");
  }

  @Test
  void shouldReadDestinationsWithSecretsFromAFileAndTheEnvironment() throws Exception {
    Files.writeString(dir.resolve("am-token"), "s3cret-token\n");
    Path file =
        write(
            """
            {"resendInterval": "90s", "resolvedResendFor": "2m",
             "dashboardUrl": "https://stallwatch.example/",
             "alertmanagers": [{"url": "http://am:9093", "bearerTokenFile": "am-token"}],
             "webhooks": [{"url": "https://chat.example/hook",
                           "basicAuth": {"username": "bot", "passwordEnv": "HOOK_PASSWORD"}}]}
            """);
    AlertSinkConfig config = AlertConfigFile.read(file, Map.of("HOOK_PASSWORD", "hunter2")::get);
    assertThat(config.resendInterval()).hasSeconds(90);
    assertThat(config.resolvedResendFor()).hasMinutes(2);
    assertThat(config.alertmanagers().getFirst().target())
        .isEqualTo("http://am:9093/api/v2/alerts");
    assertThat(config.alertmanagers().getFirst().authorization()).contains("Bearer s3cret-token");
    assertThat(config.webhooks().getFirst().authorization()).contains("Basic Ym90Omh1bnRlcjI=");
    assertThat(config.toString()).doesNotContain("s3cret-token", "hunter2", "Ym90Omh1bnRlcjI=");
  }

  @Test
  void shouldNameTheFileAndTheProblemForBadInput() throws Exception {
    assertThatThrownBy(
            () -> AlertConfigFile.read(write("{\"resendInterval\": \"10s\"}"), k -> null))
        .hasMessageContaining("alert-config.json")
        .hasMessageContaining("between 30s and 3m");
    assertThatThrownBy(() -> AlertConfigFile.read(write("{\"webhook\": []}"), k -> null))
        .hasMessageContaining("unknown key 'webhook'");
    assertThatThrownBy(
            () ->
                AlertConfigFile.read(
                    write(
                        "{\"webhooks\": [{\"url\": \"http://h/\", \"bearerTokenEnv\": \"NOPE\"}]}"),
                    k -> null))
        .hasMessageContaining("NOPE, which is not set");
    assertThatThrownBy(
            () ->
                AlertConfigFile.read(write("{\"webhooks\": [{\"url\": \"ftp://h\"}]}"), k -> null))
        .hasMessageContaining("http:// or https://");
  }

  @Test
  void shouldReadTheSameConfigWrittenInYaml() throws Exception {
    Files.writeString(dir.resolve("am-token"), "s3cret-token\n");
    Path file =
        Files.writeString(
            dir.resolve("alert-config.yaml"),
            """
            # Alertmanager and the chat bridge
            resendInterval: 90s
            resolvedResendFor: 2m
            dashboardUrl: https://stallwatch.example/
            alertmanagers:
              - url: http://am:9093
                bearerTokenFile: am-token
            webhooks:
              - url: https://chat.example/hook
                basicAuth:
                  username: bot
                  passwordEnv: HOOK_PASSWORD
            retry:
              maxAttempts: 7
            """);

    AlertSinkConfig config = AlertConfigFile.read(file, Map.of("HOOK_PASSWORD", "hunter2")::get);

    assertThat(config.resendInterval()).hasSeconds(90);
    assertThat(config.resolvedResendFor()).hasMinutes(2);
    assertThat(config.alertmanagers().getFirst().target())
        .isEqualTo("http://am:9093/api/v2/alerts");
    assertThat(config.alertmanagers().getFirst().authorization()).contains("Bearer s3cret-token");
    assertThat(config.webhooks().getFirst().authorization()).contains("Basic Ym90Omh1bnRlcjI=");
    assertThat(config.retry().maxAttempts()).isEqualTo(7);
  }

  @Test
  void shouldNameTheFileTheKeyAndTheLineForBadYaml() throws Exception {
    Path unknownKey =
        Files.writeString(
            dir.resolve("alerts.yml"), "webhooks:\n  - url: https://h/\n    bearerToken: x\n");
    assertThatThrownBy(() -> AlertConfigFile.read(unknownKey, k -> null))
        .hasMessageStartingWith("alert config " + unknownKey + ": ")
        .hasMessageContaining("unknown key 'bearerToken' in an entry of webhooks");
    Path twice =
        Files.writeString(dir.resolve("twice.yml"), "resendInterval: 60s\nresendInterval: 90s\n");
    assertThatThrownBy(() -> AlertConfigFile.read(twice, k -> null))
        .hasMessageContaining("twice.yml")
        .hasMessageContaining("resendInterval")
        .hasMessageContaining("line 2");
    Path broken = Files.writeString(dir.resolve("broken.yml"), "webhooks:\n  - url: [https://h/\n");
    assertThatThrownBy(() -> AlertConfigFile.read(broken, k -> null))
        .hasMessageContaining("broken.yml: cannot be read as YAML");
    Path list = Files.writeString(dir.resolve("list.yml"), "- url: https://h/\n");
    assertThatThrownBy(() -> AlertConfigFile.read(list, k -> null))
        .hasMessageContaining("must hold an object");
  }

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("alert-config.json"), json);
  }
}
