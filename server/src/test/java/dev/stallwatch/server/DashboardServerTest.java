package dev.stallwatch.server;

import static dev.stallwatch.server.TestIncidents.APT_HANG_ID;
import static dev.stallwatch.server.TestIncidents.HOSTILE_ID;
import static dev.stallwatch.server.TestIncidents.HOSTILE_LINE;
import static dev.stallwatch.server.TestIncidents.TERMINAL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Incident;
import dev.stallwatch.model.Json;
import dev.stallwatch.search.IncidentIndex;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DashboardServerTest {

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

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return Json.mapper().readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void assertJsonError(HttpResponse<String> response, int status)
      throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.path("error").asText()).isNotBlank().endsWith(".").doesNotContain("Exception");
  }

  @Test
  void listsIncidentsNewestFirst() throws Exception {
    HttpResponse<String> response = get("/api/incidents");

    assertThat(response.statusCode()).isEqualTo(200);
    List<Incident> incidents = Json.mapper().readValue(response.body(), new TypeReference<>() {});
    assertThat(incidents)
        .extracting(Incident::id)
        .containsExactly(HOSTILE_ID, TERMINAL_ID, APT_HANG_ID);
  }

  @Test
  void limitsTheListOfIncidents() throws Exception {
    JsonNode body = json(get("/api/incidents?limit=2"));

    assertThat(body.size()).isEqualTo(2);
    assertThat(body.get(0).path("id").asText()).isEqualTo(HOSTILE_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "501", "-3", "ten", "", "1e3"})
  void refusesALimitOutsideOneTo500(String limit) throws Exception {
    HttpResponse<String> response = get("/api/incidents?limit=" + encode(limit));

    assertJsonError(response, 400);
    assertThat(json(response).path("error").asText()).contains("limit", "500");
  }

  @Test
  void returnsOneIncidentByIdWithAllItsFields() throws Exception {
    HttpResponse<String> response = get("/api/incidents/" + APT_HANG_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readValue(response.body(), Incident.class))
        .isEqualTo(TestIncidents.aptHang());
  }

  @Test
  void answersAnUnknownIncidentIdWith404() throws Exception {
    HttpResponse<String> response = get("/api/incidents/inc-does-not-exist");

    assertJsonError(response, 404);
    assertThat(json(response).path("error").asText()).contains("inc-does-not-exist");
  }

  @Test
  void searchReturnsScoredHitsMostRelevantFirst() throws Exception {
    HttpResponse<String> response = get("/api/search?q=" + encode("apt hang gradual") + "&limit=5");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("query").asText()).isEqualTo("apt hang gradual");
    assertThat(body.path("total").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode first = body.path("hits").get(0);
    assertThat(first.path("incident").path("id").asText()).isEqualTo(APT_HANG_ID);
    assertThat(first.path("score").isNumber()).isTrue();
    assertThat(first.path("score").asDouble()).isPositive();
  }

  @Test
  void searchFindsByHost() throws Exception {
    JsonNode body = json(get("/api/search?q=" + encode("host:build-box-03")));

    assertThat(body.path("total").asLong()).isEqualTo(1);
    assertThat(body.path("hits").get(0).path("incident").path("id").asText())
        .isEqualTo(TERMINAL_ID);
  }

  @Test
  void searchFindsAPhraseOnlyInItsOrder() throws Exception {
    JsonNode inOrder = json(get("/api/search?q=" + encode("\"did not answer\"")));
    JsonNode reversed = json(get("/api/search?q=" + encode("\"answer not did\"")));

    assertThat(inOrder.path("total").asLong()).isEqualTo(1);
    assertThat(inOrder.path("hits").get(0).path("incident").path("id").asText())
        .isEqualTo(TERMINAL_ID);
    assertThat(reversed.path("total").asLong()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/search", "/api/search?q=", "/api/search?q=%20%20"})
  void searchWithoutWordsIs400(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);

    assertJsonError(response, 400);
    assertThat(json(response).path("error").asText()).contains("q");
  }

  @Test
  void searchSyntaxErrorIs400WithOneSentence() throws Exception {
    HttpResponse<String> response = get("/api/search?q=" + encode("apt AND ("));

    assertJsonError(response, 400);
    assertThat(json(response).path("error").asText())
        .startsWith("The query ends too early")
        .doesNotContain("Encountered", "Cannot parse", "\n");
  }

  @Test
  void searchWithABadLimitIs400() throws Exception {
    assertJsonError(get("/api/search?q=apt&limit=100000"), 400);
  }

  @Test
  void healthReportsTheIncidentCount() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.path("status").asText()).isEqualTo("ok");
    assertThat(body.path("incidents").asLong()).isEqualTo(3);
    assertThat(body.path("knownIssues").asInt()).isGreaterThanOrEqualTo(24);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nope", "/api/nope", "/api/incidents/a/b", "/web/index.html"})
  void unknownRoutesAre404Json(String path) throws Exception {
    assertJsonError(get(path), 404);
  }

  @Test
  void hostileLogLineComesBackAsEscapedJsonData() throws Exception {
    HttpResponse<String> response = get("/api/incidents/" + HOSTILE_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .doesNotContain("<script>", "</script>")
        .contains("\\u003Cscript\\u003E");
    assertThat(json(response).path("evidence").get(0).path("line").asText())
        .isEqualTo(HOSTILE_LINE);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void servesTheDashboardWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
    assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    assertThat(response.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
  }

  @Test
  void dashboardPageHasNoInlineScriptOrStyle() throws Exception {
    String html = get("/").body();

    assertThat(html.replace("<script type=\"module\" src=\"app.js\"></script>", ""))
        .doesNotContain("<script", "<style", "style=");
    assertThat(html).doesNotContainPattern("\\son[a-z]+=");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "app.js",
        "dom.js",
        "empty.js",
        "issues.js",
        "rows.js",
        "summary.js",
        "list.js",
        "live.js",
        "overview.js",
        "fleet.js",
        "cohorts.js",
        "host.js",
        "timeline.js",
        "incident.js",
        "lifecycle.js",
        "alerts.js",
        "me.js"
      })
  void dashboardScriptsRenderDataAsTextOnly(String script) throws Exception {
    HttpResponse<String> response = get("/" + script);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    assertThat(response.body())
        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
  }

  @Test
  void dashboardScriptsPutTextInThePageAsTextAndReadTheApi() throws Exception {
    assertThat(get("/dom.js").body()).contains("textContent");
    assertThat(get("/list.js").body()).contains("/api/incidents", "/api/search");
    assertThat(get("/live.js").body()).contains("new EventSource('/api/stream')");
  }

  @ParameterizedTest
  @CsvSource({"/favicon.ico,image/vnd.microsoft.icon", "/favicon.svg,image/svg+xml"})
  void servesTheFavicon(String path, String type) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith(type));
  }

  @Test
  void unexpectedFailureIs500WithoutInternals() throws Exception {
    ByteBuffersDirectory closedDirectory = new ByteBuffersDirectory();
    IncidentIndex closedIndex = new IncidentIndex(closedDirectory);
    closedIndex.close();
    try (DashboardServer broken = new DashboardServer(closedIndex)) {
      broken.start("127.0.0.1", 0);
      HttpResponse<String> response = dashboard.get(broken.port(), "/api/incidents");

      assertJsonError(response, 500);
      assertThat(response.body()).doesNotContain("AlreadyClosed", "lucene", "at ");
    } finally {
      closedDirectory.close();
    }
  }

  @Test
  void apiResponsesCarryTheSecurityHeadersToo() throws Exception {
    HttpResponse<String> response = get("/api/incidents");

    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
  }
}
