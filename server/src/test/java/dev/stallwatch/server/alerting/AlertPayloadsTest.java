package dev.stallwatch.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPayloadsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI DASHBOARD = URI.create("http://stallwatch.example:8080/");

  private static final String LABELS =
      """
      {"alertname":"StallwatchHang","host":"dev-laptop-07","rule":"resource-saver-gradual",
       "severity":"critical","cohort":"wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2"}\
      """;
  private static final String ANNOTATIONS =
      """
      {"summary":"Resource Saver froze the VM",
       "description":"Resource Saver froze the VM on dev-laptop-07 since 2026-05-04T10:15:00Z (confidence 90%).",
       "known_issues":"microsoft/WSL#10800 https://github.com/microsoft/WSL/issues/10800\\ndocker/for-win#14000 https://github.com/docker/for-win/issues/14000",
       "runbook_url":"https://github.com/microsoft/WSL/issues/10800",
       "remediation":"Set autoMemoryReclaim=dropcache.",
       "incident_id":"inc-42"}\
      """;

  @Test
  void shouldPostAFiringAlertToAlertmanagerWithoutEndsAt() throws Exception {
    String golden =
        """
        [{"labels":%s,"annotations":%s,"startsAt":"2026-05-04T10:15:00Z",
          "generatorURL":"http://stallwatch.example:8080/api/incidents/inc-42"}]\
        """
            .formatted(LABELS, ANNOTATIONS);
    byte[] body = AlertPayloads.alertmanager(List.of(Notices.firing()), DASHBOARD);
    assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(golden));
  }

  @Test
  void shouldPostAResolvedAlertToAlertmanagerWithItsEnd() throws Exception {
    byte[] body = AlertPayloads.alertmanager(List.of(Notices.resolved()), DASHBOARD);
    assertThat(JSON.readTree(body).get(0).get("endsAt").asText()).isEqualTo("2026-05-04T10:19:00Z");
  }

  @Test
  void shouldShapeTheWebhookAsAlertmanagersVersion4() throws Exception {
    String golden =
        """
        {"version":"4",
         "groupKey":"{}:{host=\\"dev-laptop-07\\", rule=\\"resource-saver-gradual\\"}",
         "truncatedAlerts":0,"status":"resolved","receiver":"stallwatch",
         "groupLabels":{"host":"dev-laptop-07","rule":"resource-saver-gradual"},
         "commonLabels":%1$s,"commonAnnotations":%2$s,
         "externalURL":"http://stallwatch.example:8080/",
         "alerts":[{"status":"resolved","labels":%1$s,"annotations":%2$s,
           "startsAt":"2026-05-04T10:15:00Z","endsAt":"2026-05-04T10:19:00Z",
           "generatorURL":"http://stallwatch.example:8080/api/incidents/inc-42",
           "fingerprint":"%3$s"}]}\
        """
            .formatted(
                LABELS,
                ANNOTATIONS,
                AlertPayloads.fingerprint(AlertContent.labels(Notices.firing())));
    byte[] body = AlertPayloads.webhook(Notices.resolved(), DASHBOARD);
    assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(golden));
  }

  @Test
  void shouldSendAFiringWebhookWithAlertmanagersZeroEndTime() throws Exception {
    var alert =
        JSON.readTree(AlertPayloads.webhook(Notices.firing(), DASHBOARD)).get("alerts").get(0);
    assertThat(alert.get("status").asText()).isEqualTo("firing");
    assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}");
  }

  @Test
  void shouldKeepControlCharactersAndHugeValuesOutOfLabels() {
    assertThat(AlertContent.safe("host\u0000\u001b[31m")).isEqualTo("host[31m");
    assertThat(AlertContent.safe("x".repeat(5000))).hasSize(1024);
  }
}
