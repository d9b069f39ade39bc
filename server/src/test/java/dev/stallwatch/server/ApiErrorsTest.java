package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What api.md promises of every error, on a real server: JSON {@code {"error": "one sentence"}}
 * with the security headers, including the errors Jetty answers before Javalin sees the request.
 */
class ApiErrorsTest {

  private static RunningDashboard dashboard;

  @BeforeAll
  static void startServer() {
    dashboard = new RunningDashboard();
  }

  @AfterAll
  static void stopServer() throws IOException {
    dashboard.close();
  }

  /** The one sentence of a JSON error with this status that carries the security headers. */
  private static String errorOf(HttpResponse<String> response, int status) throws IOException {
    return errorOf(
        new RunningDashboard.RawResponse(
            response.statusCode(), response.headers(), response.body()),
        status);
  }

  private static String errorOf(RunningDashboard.RawResponse response, int status)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.size()).isEqualTo(1);
    String error = body.path("error").asText();
    assertThat(error).endsWith(".").doesNotContain("Exception", "<", "\n");
    return error;
  }

  @Test
  void anAddressTooLongIs414Json() throws Exception {
    HttpResponse<String> response = dashboard.get("/api/search?q=" + "a".repeat(9000));

    assertThat(errorOf(response, 414)).contains("address is too long", "8192 bytes");
  }

  @Test
  void headersTooLargeAre431Json() throws Exception {
    HttpResponse<String> response =
        dashboard.send(
            "/api/incidents", request -> request.header("X-Padding", "a".repeat(9000)).GET());

    assertThat(errorOf(response, 431)).contains("headers are too large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/%ff", "/api/incidents/%C3", "/%2e%2e/%2e%2e/etc/passwd"})
  void aPathJettyCannotReadIs400Json(String path) throws Exception {
    assertThat(errorOf(dashboard.rawGet(path), 400))
        .startsWith("The request could not be read: its path must be valid UTF-8");
  }

  @ParameterizedTest
  @CsvSource({"POST,/api/incidents", "DELETE,/api/incidents/inc-x", "PUT,/api/search"})
  void aMethodARouteDoesNotTakeIs405WithAllow(String method, String path) throws Exception {
    HttpResponse<String> response =
        dashboard.send(
            path, request -> request.method(method, HttpRequest.BodyPublishers.noBody()));

    assertThat(errorOf(response, 405))
        .startsWith(method + " " + path + " is not answered; use GET");
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET").doesNotContain("POST"));
  }

  @Test
  void aMethodOnAnUnknownPathIsStill404() throws Exception {
    HttpResponse<String> response =
        dashboard.send("/api/nope", request -> request.POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(errorOf(response, 404)).contains("nothing at POST /api/nope");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/search?q=%zz", "/api/search?q=apt%2", "/api/kb?q=50%"})
  void aMalformedPercentEncodingIsNamedAsSuch(String pathAndQuery) throws Exception {
    String error = errorOf(dashboard.rawGet(pathAndQuery), 400);

    assertThat(error)
        .startsWith("The percent-encoding of the q parameter is malformed at '%")
        .contains("%25");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/search?q=%ff", "/api/search?q=apt%C3", "/api/search?q=%ED%A0%80"})
  void bytesThatAreNotUtf8AreNamedAsSuch(String pathAndQuery) throws Exception {
    assertThat(errorOf(dashboard.get(pathAndQuery), 400))
        .isEqualTo(
            "The q parameter is not valid UTF-8 once percent-decoded; encode text as UTF-8 before"
                + " escaping it.");
  }

  @Test
  void wellEncodedTextStillSearches() throws Exception {
    HttpResponse<String> response = dashboard.get("/api/search?q=apt+hang%20%C3%A9t%C3%A9");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/search?q=host%3A|host|host:dev-anna",
        "/api/search?q=since%3A|since|since:24h",
        "/api/search?q=apt%20rule%3A|rule|rule:resource-saver-gradual",
        "/api/search?q=status%3A%20apt|status|status:open",
        "/api/search?host=|host|host:dev-anna",
        "/api/search?q=apt&since=|since|since:24h",
        "/api/search?q=apt&status=|status|status:open"
      })
  void everyEmptyFilterIsTheSame400(String pathAndQuery, String filter, String example)
      throws Exception {
    assertThat(errorOf(dashboard.get(pathAndQuery), 400))
        .isEqualTo("The %s filter is empty; give it a value, e.g. %s.".formatted(filter, example));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/search?q=apt&offset=-1",
        "/api/search?q=apt&offset=10001",
        "/api/incidents?offset=ten"
      })
  void anOffsetOutsideItsBoundsIs400(String pathAndQuery) throws Exception {
    assertThat(errorOf(dashboard.get(pathAndQuery), 400))
        .isEqualTo("The offset parameter must be a whole number from 0 to 10000.");
  }
}
