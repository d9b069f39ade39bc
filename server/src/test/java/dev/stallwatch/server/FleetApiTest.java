package dev.stallwatch.server;

import static dev.stallwatch.server.FleetServer.context;
import static dev.stallwatch.server.FleetServer.host;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.CohortStats;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.MitigationStats;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.server.fleet.FleetEvents;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet routes over a fleet of four: dev-anna at risk in Resource Saver, dev-laptop-07 hanging
 * with the apt hang open, build-box-03 silent, ci-runner-1 fine after an old hang.
 */
class FleetApiTest {

  private static final String RISK_RULE = "resource-saver-gradual";
  private final Instant now = Instant.now();
  private FleetServer server;

  @BeforeEach
  void start() {
    server = new FleetServer(List.of(TestIncidents.aptHang(), TestIncidents.terminalFailure()));
    var fleet = server.fleet;
    fleet.apply(
        host(
            "dev-anna",
            context("annas-pc", "gradual", "4.42.0"),
            now,
            true,
            0,
            false,
            0,
            null,
            List.of(RISK_RULE)));
    fleet.apply(
        host(
            "dev-laptop-07",
            context(null, "gradual", "4.42.0"),
            now.minusSeconds(30),
            false,
            1,
            false,
            3,
            now.minus(Duration.ofHours(2)),
            List.of(RISK_RULE)));
    fleet.apply(
        host(
            "build-box-03",
            context(null, "dropcache", "4.43.0"),
            now.minus(Duration.ofHours(3)),
            false,
            0,
            true,
            1,
            now.minus(Duration.ofDays(2)),
            List.of()));
    fleet.apply(
        host(
            "ci-runner-1",
            context(null, null, "4.43.0"),
            now.minusSeconds(5),
            false,
            0,
            false,
            5,
            now.minus(Duration.ofDays(1)),
            List.of()));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void shouldListEveryHostByIdWithItsStateVersionsSetupAndRisk() throws Exception {
    JsonNode rows = server.json("/api/hosts");

    assertThat(ids(rows))
        .containsExactly("build-box-03", "ci-runner-1", "dev-anna", "dev-laptop-07");
    assertThat(states(rows)).containsExactly("silent", "ok", "resource-saver", "hanging");
    JsonNode anna = rows.get(2);
    assertThat(anna.path("hostName").asText()).isEqualTo("annas-pc");
    assertThat(anna.path("versions").path("dockerDesktop").asText()).isEqualTo("4.42.0");
    assertThat(anna.path("reclaimMode").asText()).isEqualTo("gradual");
    assertThat(anna.path("cgroupLayout").asText()).isEqualTo("v2");
    assertThat(anna.path("atRisk").asBoolean()).isTrue();
    assertThat(anna.path("riskReasons").get(0).asText())
        .startsWith(RISK_RULE + ": its setup matches \"Hang while Docker Desktop was in Resource");
    assertThat(anna.path("cohort").asText())
        .isEqualTo("wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2");
    assertThat(anna.has("lastHangAt")).isTrue();
    assertThat(anna.path("lastHangAt").isNull()).isTrue();
    assertThat(rows.get(1).path("reclaimMode").isNull()).isTrue();
  }

  @Test
  void shouldFilterByStateRiskAndAPieceOfTheIdOrName() throws Exception {
    assertThat(ids(server.json("/api/hosts?state=hanging"))).containsExactly("dev-laptop-07");
    assertThat(ids(server.json("/api/hosts?state=silent"))).containsExactly("build-box-03");
    assertThat(ids(server.json("/api/hosts?atRisk=true"))).containsExactly("dev-anna");
    assertThat(ids(server.json("/api/hosts?q=ANNAS-PC"))).containsExactly("dev-anna");
    assertThat(ids(server.json("/api/hosts?q=box&state=ok"))).isEmpty();
  }

  @Test
  void shouldSortTheBusiestAndNewestFirst() throws Exception {
    assertThat(ids(server.json("/api/hosts?sort=hangs7d")))
        .containsExactly("ci-runner-1", "dev-laptop-07", "build-box-03", "dev-anna");
    assertThat(ids(server.json("/api/hosts?sort=lastHangAt")))
        .containsExactly("dev-laptop-07", "ci-runner-1", "build-box-03", "dev-anna");
    assertThat(ids(server.json("/api/hosts?sort=lastSeen")))
        .containsExactly("dev-anna", "ci-runner-1", "dev-laptop-07", "build-box-03");
  }

  @Test
  void shouldPageWithALinkToTheNextPage() throws Exception {
    HttpResponse<String> first = server.get("/api/hosts?limit=3");

    assertThat(first.headers().firstValue("Link"))
        .hasValue("</api/hosts?limit=3&offset=3>; rel=\"next\"");
    assertThat(ids(server.json("/api/hosts?limit=3&offset=3"))).containsExactly("dev-laptop-07");
    assertThat(server.get("/api/hosts?limit=3&offset=3").headers().firstValue("Link")).isEmpty();
  }

  @Test
  void shouldRefuseAFilterOrSortItDoesNotKnowWithTheValuesItDoes() throws Exception {
    assertError("/api/hosts?state=frozen", 400, "The state parameter is one of ok, resource-saver");
    assertError("/api/hosts?atRisk=yes", 400, "The atRisk parameter is true or false.");
    assertError("/api/hosts?sort=name", 400, "The sort parameter is host, lastSeen, hangs7d");
    assertError("/api/hosts?limit=0", 400, "The limit parameter must be a whole number");
    assertError("/api/hosts/dev-anna?window=2d", 400, "from 15m to 24h");
    assertError("/api/hosts/dev-anna?window=5m", 400, "from 15m to 24h");
    assertError("/api/hosts/dev-anna?window=soon", 400, "from 15m to 24h");
    assertError("/api/hosts/nobody", 404, "No host has the id");
    assertError("/api/me", 400, "The host parameter is required");
    assertError("/api/me?host=nobody", 404, "No host has the id");
  }

  @Test
  void shouldShowAHostsTimelineWithItsResourceSaverBandMemoryAndIncidents() throws Exception {
    Instant entered = now.minus(Duration.ofMinutes(30));
    server.fleet.record(FleetEvents.memory("dev-laptop-07", entered.minusSeconds(60), 6144, 2048));
    server.fleet.record(
        FleetEvents.resourceSaver("dev-laptop-07", entered, ResourceSaver.State.ENTERED));
    server.fleet.record(FleetEvents.hungTask("dev-laptop-07", entered.plusSeconds(240)));

    JsonNode host = server.json("/api/hosts/dev-laptop-07?window=6h");

    assertThat(host.path("host").path("state").asText()).isEqualTo("hanging");
    assertThat(host.path("context").path("dockerDesktopVersion").asText()).isEqualTo("4.42.0");
    assertThat(host.path("openIncidents").get(0).path("id").asText())
        .isEqualTo(TestIncidents.APT_HANG_ID);
    assertThat(host.path("openIncidents").size()).isEqualTo(1);
    JsonNode timeline = host.path("timeline");
    assertThat(timeline.path("stepSeconds").asInt()).isEqualTo(120);
    JsonNode band = timeline.path("bands").get(0);
    assertThat(band.path("kind").asText()).isEqualTo("resource-saver");
    assertThat(Instant.parse(band.path("from").asText())).isEqualTo(entered);
    assertThat(band.path("to").isNull()).isTrue();
    JsonNode memory = timeline.path("series").path("memAvailableBytes");
    assertThat(memory.size()).isBetween(180, 181);
    assertThat(values(memory)).contains(6144L * 1024 * 1024);
    assertThat(timeline.path("markers").get(0).path("kind").asText()).isEqualTo("hung_task");
    assertThat(timeline.path("incidents").findValuesAsText("id"))
        .containsExactly(TestIncidents.APT_HANG_ID);
    JsonNode issue = host.path("knownIssues").get(0);
    assertThat(issue.path("id").asText()).isEqualTo("microsoft/WSL#11066");
    assertThat(issue.path("verdicts").get(0).path("message").asText())
        .contains("dev-laptop-07 runs");
  }

  @Test
  void shouldAnswerAHostWithoutTelemetryWithEmptySeries() throws Exception {
    JsonNode timeline = server.json("/api/hosts/ci-runner-1?window=15m").path("timeline");

    assertThat(values(timeline.path("series").path("pageCacheBytes"))).containsOnlyNulls();
    assertThat(timeline.path("bands").isEmpty()).isTrue();
  }

  @Test
  void shouldCountTheFleetInTheOverview() throws Exception {
    JsonNode overview = server.json("/api/overview");

    JsonNode hosts = overview.path("hosts");
    assertThat(hosts.path("known").asInt()).isEqualTo(4);
    assertThat(hosts.path("reporting").asInt()).isEqualTo(3);
    assertThat(hosts.path("silent").asInt()).isEqualTo(1);
    assertThat(hosts.path("hangingNow").asInt()).isEqualTo(1);
    assertThat(hosts.path("resourceSaverNow").asInt()).isEqualTo(1);
    assertThat(hosts.path("atRisk").asInt()).isEqualTo(1);
    assertThat(overview.path("incidents").path("open").asLong()).isEqualTo(2);
    assertThat(overview.path("incidents").has("medianTimeToResolve7dSeconds")).isTrue();
  }

  @Test
  void shouldCountTheIncidentsOfTheDayAndWeekAndTheirTopCause() throws Exception {
    List<Incident> incidents = new ArrayList<>(TestIncidents.aptHangs("dev-x", hoursAgo(2), 3));
    List<Incident> earlier = TestIncidents.aptHangs("dev-y", hoursAgo(3), 2);
    incidents.add(resolved(earlier.get(0), 600));
    incidents.add(resolved(earlier.get(1), 1200));
    incidents.add(TestIncidents.aptHang()); // open, but opened months ago
    try (FleetServer recent = new FleetServer(incidents)) {
      JsonNode overview = recent.json("/api/overview");

      JsonNode counts = overview.path("incidents");
      assertThat(counts.path("open").asLong()).isEqualTo(4);
      assertThat(counts.path("last24h").asLong()).isEqualTo(5);
      assertThat(counts.path("medianTimeToResolve7dSeconds").asLong()).isEqualTo(900);
      JsonNode cause = overview.path("topCauses").get(0);
      assertThat(cause.path("rule").asText()).isEqualTo(RISK_RULE);
      assertThat(cause.path("count7d").asLong()).isEqualTo(5);
      assertThat(cause.path("title").asText()).startsWith("apt hung while Docker Desktop");
      assertThat(overview.path("topCauses").size()).isEqualTo(1);
    }
  }

  @Test
  void shouldSayWhetherAFixExistsForEachCohort() throws Exception {
    server.fleet.apply(cohort("4.42.0", "unset", "on", "v2", 5, 2));
    server.fleet.apply(cohort("4.43.0", "unset", "on", "v2", 3, 0));
    server.fleet.apply(cohort("4.43.0", "dropcache", "off", "v1", 1, 0));
    server.fleet.apply(cohort("4.40.0", "unset", "on", "v2", 0, 0));
    server.fleet.apply(new MitigationStats("resource-saver-off", 2, 3, 6, 0.5, 0, 4, 0));

    JsonNode answer = server.json("/api/cohorts");

    JsonNode cohorts = answer.path("cohorts");
    assertThat(cohorts.findValuesAsText("dockerDesktop"))
        .containsExactly("4.42.0", "4.43.0", "4.43.0");
    JsonNode old = cohorts.get(0).path("fix");
    assertThat(old.path("status").asText()).isEqualTo("upgrade");
    assertThat(old.path("issue").asText()).isEqualTo("docker/for-win#14656");
    assertThat(old.path("text").asText()).contains("this cohort runs 4.42.0, which is older");
    assertThat(cohorts.get(1).path("fix").path("status").asText()).isEqualTo("fixed");
    assertThat(cohorts.get(2).path("fix").path("status").asText()).isEqualTo("none-known");
    assertThat(cohorts.get(2).path("fix").path("issue").isNull()).isTrue();
    assertThat(cohorts.get(0).path("rate").asDouble()).isEqualTo(0.4);
    assertThat(answer.path("mitigations").get(0).path("kind").asText())
        .isEqualTo("resource-saver-off");
  }

  @Test
  void shouldTellADeveloperWhyTheirMachineHangsAndWhatToChange() throws Exception {
    JsonNode me = server.json("/api/me?host=dev-laptop-07");

    assertThat(me.path("summary").asText()).startsWith("dev-laptop-07 hangs now: apt hung");
    assertThat(me.path("link").asText()).isEqualTo("/#/hosts/dev-laptop-07");
    JsonNode incident = me.path("openIncidents").get(0);
    assertThat(incident.path("rule").asText()).isEqualTo(RISK_RULE);
    assertThat(incident.path("steps").get(0).asText()).contains("autoMemoryReclaim=dropcache");
    assertThat(incident.path("knownIssues").findValuesAsText("id")).contains("microsoft/WSL#11066");
    assertThat(server.json("/api/me?host=dev-anna").path("summary").asText())
        .startsWith("annas-pc has not hung, but its setup matches");
  }

  @Test
  void shouldCountTheRecordsTheFleetFeedSkippedInTheMetrics() throws Exception {
    server.fleet.skipped();
    server.fleet.skipped();

    assertThat(server.get("/metrics").body())
        .contains("stallwatch_fleet_skipped_records_total 2.0");
  }

  private Instant hoursAgo(int hours) {
    return now.minus(Duration.ofHours(hours));
  }

  private static Incident resolved(Incident open, long afterSeconds) {
    return new Incident(
        open.id(),
        open.host(),
        open.rule(),
        open.title(),
        Incident.Status.RESOLVED,
        open.severity(),
        open.onset(),
        open.openedAt(),
        open.openedAt().plusSeconds(afterSeconds),
        open.openedAt().plusSeconds(afterSeconds),
        open.confidence(),
        open.confidenceReasons(),
        open.evidence(),
        open.context(),
        open.knownIssues(),
        open.remediation());
  }

  private static CohortStats cohort(
      String dd, String reclaim, String rs, String cgroup, int hosts, int withIncidents) {
    return new CohortStats(
        "2.5.7.0",
        dd,
        reclaim,
        rs,
        cgroup,
        hosts,
        withIncidents,
        0,
        hosts == 0 ? 0 : (double) withIncidents / hosts);
  }

  private void assertError(String path, int status, String sentence) throws Exception {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    assertThat(response.body()).as(path).contains(sentence);
  }

  private static List<String> ids(JsonNode rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.path("host").asText()));
    return ids;
  }

  private static List<String> states(JsonNode rows) {
    List<String> states = new ArrayList<>();
    rows.forEach(row -> states.add(row.path("state").asText()));
    return states;
  }

  private static List<Long> values(JsonNode series) {
    List<Long> values = new ArrayList<>();
    series.forEach(p -> values.add(p.get(1).isNull() ? null : p.get(1).asLong()));
    return values;
  }
}
