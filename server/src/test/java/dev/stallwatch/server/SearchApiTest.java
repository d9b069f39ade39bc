package dev.stallwatch.server;

import static dev.stallwatch.server.TestIncidents.APT_HANG_ID;
import static dev.stallwatch.server.TestIncidents.HOSTILE_ID;
import static dev.stallwatch.server.TestIncidents.TERMINAL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search, knowledge base and similar-incident endpoints. */
class SearchApiTest {

  private static RunningDashboard dashboard;

  @BeforeAll
  static void startServer() {
    dashboard = new RunningDashboard();
  }

  @AfterAll
  static void stopServer() throws IOException {
    dashboard.close();
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return dashboard.get(pathAndQuery);
  }

  private static JsonNode json(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> ids(JsonNode hits, String path) {
    List<String> out = new ArrayList<>();
    hits.forEach(
        hit ->
            out.add(path.isEmpty() ? hit.path("id").asText() : hit.path(path).path("id").asText()));
    return out;
  }

  @Test
  void searchAnswersWithTheKnownIssueItsWorkaroundAndTheMatchingIncidents() throws Exception {
    JsonNode body = json("/api/search?q=" + q("Wsl/Service/E_UNEXPECTED"));

    assertThat(ids(body.path("hits"), "incident")).first().isEqualTo(TERMINAL_ID);
    assertThat(body.path("ordering").asText()).isEqualTo("relevance");
    JsonNode issue = body.path("knownIssues").get(0);
    assertThat(issue.path("id").asText()).isEqualTo("docker/for-win#14827");
    assertThat(issue.path("url").asText())
        .isEqualTo("https://github.com/docker/for-win/issues/14827");
    assertThat(issue.path("workarounds").get(0).asText()).isNotBlank();
    assertThat(issue.path("score").asDouble()).isPositive();
  }

  @Test
  void searchMarksTheMatchingWordsOfEachHitAsSeparateTextSpans() throws Exception {
    JsonNode hits = json("/api/search?q=" + q("apt-get blocked")).path("hits");
    JsonNode hit = null;
    for (JsonNode candidate : hits) {
      if (candidate.path("incident").path("id").asText().equals(APT_HANG_ID)) {
        hit = candidate;
      }
    }

    assertThat(hit).as("the apt hang among the hits").isNotNull();
    List<String> marked = new ArrayList<>();
    hit.path("highlights")
        .forEach(
            h ->
                h.path("spans")
                    .forEach(
                        s -> {
                          if (s.path("match").asBoolean()) {
                            marked.add(s.path("text").asText());
                          }
                        }));
    assertThat(marked).contains("apt-get", "blocked");
  }

  @Test
  void searchCountsFacetsOverEveryMatch() throws Exception {
    JsonNode facets = json("/api/search?q=" + q("Resource Saver")).path("facets");

    assertThat(facets.path("host").toString()).contains("dev-laptop-07", "build-box-03");
    assertThat(facets.path("dockerDesktopVersion").get(0).path("value").asText())
        .isEqualTo("4.42.0");
    assertThat(facets.path("reclaimMode").get(0).path("value").asText()).isEqualTo("gradual");
    assertThat(facets.has("rule") && facets.has("status") && facets.has("wslVersion")).isTrue();
  }

  @Test
  void searchFiltersByHostParameterAndInlineFilter() throws Exception {
    JsonNode byParam = json("/api/search?q=" + q("Resource Saver") + "&host=build-box-03");
    JsonNode inline = json("/api/search?q=" + q("hang status:open host:dev-laptop-07"));

    assertThat(ids(byParam.path("hits"), "incident")).containsExactly(TERMINAL_ID);
    assertThat(ids(inline.path("hits"), "incident"))
        .containsExactlyInAnyOrder(APT_HANG_ID, HOSTILE_ID);
  }

  @Test
  void searchWithOnlyAFilterListsTheNewestMatchesFirst() throws Exception {
    JsonNode body = json("/api/search?host=dev-laptop-07&sort=recent");

    assertThat(ids(body.path("hits"), "incident")).containsExactly(HOSTILE_ID, APT_HANG_ID);
    assertThat(body.path("ordering").asText()).isEqualTo("recent");
  }

  @Test
  void anIncidentOnAnOlderDockerDesktopIsToldTheFixedVersion() throws Exception {
    JsonNode hit = json("/api/search?q=" + q("E_UNEXPECTED")).path("hits").get(0);

    JsonNode note = null;
    for (JsonNode candidate : hit.path("issues").get(0).path("versionNotes")) {
      if (candidate.path("product").asText().equals("dockerDesktop")) {
        note = candidate;
      }
    }
    assertThat(note).as("a note about Docker Desktop").isNotNull();
    assertThat(note.path("verdict").asText()).isEqualTo("AFFECTED");
    assertThat(note.path("message").asText())
        .isEqualTo(
            "Fixed in Docker Desktop 4.42.1 by disabling Resource Saver under WSL 2; build-box-03"
                + " runs 4.42.0, which is older: affected, upgrade.");
  }

  @Test
  void similarIncidentsLeaveOutTheIncidentItself() throws Exception {
    JsonNode similar = json("/api/incidents/" + APT_HANG_ID + "/similar");

    assertThat(ids(similar, "incident")).doesNotContain(APT_HANG_ID).contains(TERMINAL_ID);
  }

  @Test
  void theKnownIssuesOfAnIncidentCarryTheirVersionNote() throws Exception {
    JsonNode issues = json("/api/incidents/" + TERMINAL_ID + "/issues");

    assertThat(issues.get(0).path("id").asText()).isEqualTo("docker/for-win#14827");
    assertThat(issues.get(0).path("versionNotes").toString()).contains("AFFECTED", "4.42.1");
  }

  @Test
  void theKnowledgeBaseIsListedSearchedAndShownById() throws Exception {
    JsonNode all = json("/api/kb");
    JsonNode found = json("/api/kb?q=" + q("Wsl/0x800703e3"));
    JsonNode one = json("/api/kb/microsoft/WSL/11066");

    assertThat(all.size()).isGreaterThanOrEqualTo(24);
    assertThat(found.get(0).path("id").asText()).isEqualTo("docker/for-win#14361");
    assertThat(one.path("title").asText()).isNotBlank();
    assertThat(one.path("versions").isObject()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/search?q=hang&since=yesterday",
        "/api/search?q=" + "hang%20since%3Afortnight",
        "/api/search?q=hang&sort=loudest",
        "/api/search?q=hang%20status%3Asleeping",
        "/api/kb?q=",
        "/api/kb?q=" + "apt%20AND%20("
      })
  void badSearchParametersAre400WithOneSentence(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);

    assertThat(response.statusCode()).isEqualTo(400);
    String error = Json.mapper().readTree(response.body()).path("error").asText();
    assertThat(error).endsWith(".").doesNotContain("Exception", "\n");
  }

  @Test
  void unknownIdsAre404() throws Exception {
    assertThat(get("/api/kb/nobody/nothing/1").statusCode()).isEqualTo(404);
    assertThat(get("/api/incidents/inc-none/similar").statusCode()).isEqualTo(404);
    assertThat(get("/api/incidents/inc-none/issues").statusCode()).isEqualTo(404);
  }
}
