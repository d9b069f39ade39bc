package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.streams.AnalyzerHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** {@code /healthz} tells the analyzer's real state, on a real server. */
class HealthApiTest {

  private static final Instant SINCE = Instant.parse("2026-12-02T07:00:00Z");

  private AnalyzerHealth analyzer = running();

  private final StackStatus stack =
      new StackStatus() {
        @Override
        public Optional<AnalyzerHealth> analyzer() {
          return Optional.of(analyzer);
        }

        @Override
        public Optional<Hosts> hosts() {
          return Optional.of(new Hosts(10, 9));
        }

        @Override
        public Optional<String> bootstrap() {
          return Optional.of("127.0.0.1:39091");
        }
      };

  @Test
  void shouldReportARunningAnalyzerItsHostsAndWhereKafkaIs() throws Exception {
    HttpResponse<String> response = healthz();

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("ok");
    assertThat(body.path("analyzer").path("state").asText()).isEqualTo("RUNNING");
    assertThat(body.path("hosts").path("known").asInt()).isEqualTo(10);
    assertThat(body.path("hosts").path("reporting").asInt()).isEqualTo(9);
    assertThat(body.path("kafka").path("bootstrap").asText()).isEqualTo("127.0.0.1:39091");
  }

  @Test
  void shouldAnswer503WithTheLastErrorWhileTheAnalyzerIsInARestartLoop() throws Exception {
    analyzer =
        new AnalyzerHealth(
            AnalyzerHealth.FAILING,
            "RUNNING",
            SINCE,
            6,
            5,
            "Error encountered sending record to topic stallwatch.hosts",
            SINCE.plusSeconds(300),
            0);

    HttpResponse<String> response = healthz();

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("failing");
    assertThat(body.path("analyzer").path("threadRestarts").asInt()).isEqualTo(6);
    assertThat(body.path("analyzer").path("lastError").asText())
        .isEqualTo("Error encountered sending record to topic stallwatch.hosts");
  }

  @Test
  void shouldSayRebalancingWhileTheAnalyzerRebalances() throws Exception {
    analyzer =
        new AnalyzerHealth(AnalyzerHealth.REBALANCING, "REBALANCING", SINCE, 0, 0, null, null, 0);

    HttpResponse<String> response = healthz();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readTree(response.body()).path("status").asText())
        .isEqualTo("rebalancing");
  }

  private HttpResponse<String> healthz() throws Exception {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
        IncidentIndex index = new IncidentIndex(directory);
        DashboardServer server = new DashboardServer(index, stack);
        HttpClient http = HttpClient.newHttpClient()) {
      server.start("127.0.0.1", 0);
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/healthz");
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static AnalyzerHealth running() {
    return new AnalyzerHealth(AnalyzerHealth.RUNNING, "RUNNING", SINCE, 0, 0, null, null, 0);
  }
}
