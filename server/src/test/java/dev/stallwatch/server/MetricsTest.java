package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Incident;
import dev.stallwatch.server.alerting.AlertSinkStats;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code /metrics} in Prometheus's text format, after real requests. */
class MetricsTest {

  @Test
  void shouldTimeRequestsByRouteTemplateNotByRawPath() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard()) {
      String id = TestIncidents.aptHang().id();
      dashboard.get("/api/incidents/" + id);
      dashboard.get("/api/incidents/" + id);
      dashboard.get("/api/incidents/no-such-incident");

      HttpResponse<String> metrics = dashboard.get("/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/incidents/{id}\","
                  + "status=\"200\"} 2")
          .contains(
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/incidents/{id}\","
                  + "status=\"404\"} 1")
          .contains("http_server_requests_seconds_sum{method=\"GET\"")
          .doesNotContain(id);
    }
  }

  @Test
  void shouldCountOpenIncidentsAndEventStreamClients() throws Exception {
    try (RunningDashboard dashboard =
        new RunningDashboard(List.of(TestIncidents.aptHang(), TestIncidents.terminalFailure()))) {
      String body = dashboard.get("/metrics").body();

      long open =
          Stream.of(TestIncidents.aptHang(), TestIncidents.terminalFailure())
              .filter(i -> i.status() == Incident.Status.OPEN)
              .count();
      assertThat(body)
          .contains("stallwatch_incidents_open " + open + ".0")
          .contains("stallwatch_incidents 2.0")
          // Nobody holds /api/stream open here; EventStreamApiTest counts clients coming and going.
          .contains("stallwatch_sse_clients 0.0");
    }
  }

  @Test
  void shouldShowWhatEachAlertDestinationSentFailedAndDropped() throws Exception {
    try (RunningDashboard dashboard = new RunningDashboard()) {
      dashboard.server().metrics().alertSinks(List.of(new FixedSink("webhook", 3, 1, 2)));

      String body = dashboard.get("/metrics").body();

      String target = "sink=\"webhook\",target=\"https://chat.example/hook\"";
      assertThat(body)
          .contains("stallwatch_alerts_sent_total{" + target + "} 3.0")
          .contains("stallwatch_alerts_failed_total{" + target + "} 1.0")
          .contains("stallwatch_alerts_dropped_total{" + target + "} 2.0");
    }
  }

  private record FixedSink(String kind, long sent, long failed, long dropped)
      implements AlertSinkStats {
    @Override
    public String target() {
      return "https://chat.example/hook";
    }
  }
}
