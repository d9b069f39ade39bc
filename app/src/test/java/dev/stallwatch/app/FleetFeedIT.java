package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.HostContext;
import dev.stallwatch.model.HostState;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.event.Envelope;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryEvent;
import dev.stallwatch.model.kafka.Topic;
import dev.stallwatch.model.kafka.Topics;
import dev.stallwatch.search.IncidentIndex;
import dev.stallwatch.search.kb.KnowledgeBase;
import dev.stallwatch.server.DashboardServer;
import dev.stallwatch.server.ServerSecurity;
import dev.stallwatch.server.StackStatus;
import dev.stallwatch.server.fleet.FleetFeed;
import dev.stallwatch.server.fleet.FleetView;
import dev.stallwatch.server.team.TeamLog;
import dev.stallwatch.server.team.TeamState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The fleet feed on a real broker behind a real dashboard server: the analyzer's host state and
 * cohort, and a collector's telemetry (with an unreadable record among it), read into the fleet
 * view and answered by {@code /api/hosts/{id}} as the Resource Saver band and the memory series.
 */
class FleetFeedIT {

  private static final String HOST = "dev-anna";
  private static final long MIB = 1024 * 1024;

  private static EmbeddedKafkaKraftBroker broker;
  private static BrokerClients clients;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = AnalyzerBroker.start();
    clients = new BrokerClients(broker.getBrokersAsString());
  }

  @AfterAll
  static void stopBroker() {
    broker.destroy();
  }

  @Test
  void shouldShowTheResourceSaverBandAndMemoryOfAHostReadFromTheTopics() throws Exception {
    Instant now = Instant.now();
    Instant entered = now.minus(Duration.ofMinutes(20));
    send(Topics.HOSTS, HOST, hostState(now));
    send(Topics.COHORTS, "cohort", CohortStats.emptyFor(context()).plus(1, false, true));
    send(Topics.TELEMETRY, HOST, memory(entered.minusSeconds(120), 3072));
    send(Topics.TELEMETRY, HOST, memory(entered.minusSeconds(115), 2048));
    clients.sendRaw(Topics.TELEMETRY.name(), List.of(Map.entry(HOST, "{\"type\":\"memory\",")));
    send(
        Topics.TELEMETRY,
        HOST,
        SampleTelemetry.resourceSaver(at(entered), ResourceSaver.State.ENTERED));

    FleetView fleet = new FleetView();
    try (IncidentIndex index = IncidentIndex.inMemory(KnowledgeBase.shipped());
        FleetFeed feed = new FleetFeed(clients.client("fleet"), fleet, Clock.systemUTC());
        DashboardServer server = server(index, fleet);
        HttpClient http = HttpClient.newHttpClient()) {
      feed.start();
      server.start("127.0.0.1", 0);
      feed.caughtUp().get(60, TimeUnit.SECONDS);

      JsonNode host = get(http, server, "/api/hosts/" + HOST);
      JsonNode band = host.path("timeline").path("bands").get(0);
      assertThat(band.path("kind").asText()).isEqualTo("resource-saver");
      assertThat(Instant.parse(band.path("from").asText())).isEqualTo(entered);
      assertThat(band.path("to").isNull()).isTrue();
      assertThat(availableMemory(host)).contains(2048 * MIB).doesNotContain(3072 * MIB);
      assertThat(host.path("host").path("state").asText()).isEqualTo("resource-saver");
      assertThat(fleet.skippedRecords()).isEqualTo(1);
      assertThat(get(http, server, "/api/cohorts").path("cohorts").get(0).path("hosts").asInt())
          .isEqualTo(1);

      Instant exited = now.minus(Duration.ofMinutes(5));
      send(
          Topics.TELEMETRY,
          HOST,
          SampleTelemetry.resourceSaver(at(exited), ResourceSaver.State.EXITED));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          get(http, server, "/api/hosts/" + HOST + "?window=1h")
                              .path("timeline")
                              .path("bands")
                              .get(0)
                              .path("to")
                              .asText())
                      .isEqualTo(exited.toString()));
    }
  }

  private static DashboardServer server(IncidentIndex index, FleetView fleet) {
    return new DashboardServer(
        index,
        StackStatus.NONE,
        ServerSecurity.LOOPBACK,
        new TeamState(Clock.systemUTC()),
        TeamLog.NONE,
        fleet);
  }

  private static JsonNode get(HttpClient http, DashboardServer server, String path)
      throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  private static List<Long> availableMemory(JsonNode host) {
    return host.path("timeline")
        .path("series")
        .path("memAvailableBytes")
        .valueStream()
        .map(point -> point.get(1))
        .filter(value -> !value.isNull())
        .map(JsonNode::asLong)
        .toList();
  }

  private static <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            clients.producer("fleet-" + topic.name()),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }
  }

  private static Envelope at(Instant ts) {
    return Envelope.of(HOST, ts, ts.toEpochMilli());
  }

  private static TelemetryEvent memory(Instant ts, long availableMib) {
    return new Memory(
        at(ts),
        16L * 1024 * 1024,
        null,
        availableMib * 1024,
        null,
        1024L * 1024,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }

  private static HostContext context() {
    return new HostContext(
        "2.5.7.0",
        "6.6.87.2-microsoft-standard-WSL2",
        "10.0.26100.4061",
        "4.42.0",
        "gradual",
        CgroupLayout.V2,
        true,
        true,
        HOST);
  }

  private static HostState hostState(Instant now) {
    return new HostState(
        HOST,
        context(),
        now,
        now,
        42,
        0,
        true,
        0,
        List.of(),
        false,
        0,
        null,
        List.of("resource-saver-gradual"),
        true,
        List.of(),
        HOST);
  }
}
