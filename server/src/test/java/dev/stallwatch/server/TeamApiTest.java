package dev.stallwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Incident;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TeamApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final TeamServer server = new TeamServer(ServerSecurity.LOOPBACK, true);

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void shouldSilenceAHostAndShowItsAlertAsSilenced() throws Exception {
    Incident hang = TestIncidents.aptHang();
    server.state.apply(firing(hang));

    var created =
        server.post(
            "/api/silences",
            """
            {"host": "dev-laptop-*", "duration": "2h", "comment": "reinstalling Docker Desktop",
             "author": "anna"}\
            """);

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode silence = JSON.readTree(created.body());
    assertThat(silence.path("state").asText()).isEqualTo("active");
    assertThat(silence.path("author").asText()).isEqualTo("anna (local)");
    JsonNode alert = JSON.readTree(server.get("/api/alerts?host=dev-laptop-07").body()).get(0);
    assertThat(alert.path("state").asText()).isEqualTo("silenced");
    assertThat(alert.path("silencedBy").get(0).asText()).isEqualTo(silence.path("id").asText());
    assertThat(JSON.readTree(server.get("/api/alerts?status=firing").body())).isEmpty();
  }

  @Test
  void shouldEndASilenceEarlyAndKeepItListedAsExpired() throws Exception {
    String id =
        JSON.readTree(
                server
                    .post(
                        "/api/silences",
                        "{\"rule\": \"vm-freeze\", \"until\": \"resolved\", \"comment\":"
                            + " \"known\"}")
                    .body())
            .path("id")
            .asText();

    var ended = server.send(HttpRequest.newBuilder(server.uri("/api/silences/" + id)).DELETE());

    assertThat(ended.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ended.body()).path("state").asText()).isEqualTo("expired");
    assertThat(JSON.readTree(ended.body()).path("expiredBy").asText()).isEqualTo("local");
    assertThat(server.get("/api/silences?status=expired").body()).contains(id);
    assertThat(
            server
                .send(HttpRequest.newBuilder(server.uri("/api/silences/" + id)).DELETE())
                .statusCode())
        .isEqualTo(400);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no expiry | {\"host\": \"dev-anna\", \"comment\": \"x\"} | needs an expiry",
        "no comment | {\"host\": \"dev-anna\", \"duration\": \"1h\"} | comment",
        "no matcher | {\"duration\": \"1h\", \"comment\": \"x\"} | at least one matcher",
        "unknown key | {\"hots\": \"dev-anna\", \"duration\": \"1h\", \"comment\": \"x\"} | unknown"
            + " key 'hots'",
        "bad duration | {\"host\": \"a\", \"duration\": \"forever\", \"comment\": \"x\"} | duration"
            + " such as",
        "two expiries | {\"host\": \"a\", \"duration\": \"1h\", \"until\": \"resolved\","
            + " \"comment\": \"x\"} | one expiry",
        "bad day | {\"host\": \"a\", \"repeat\": {\"days\": [\"Caturday\"], \"start\": \"22:00\","
            + " \"length\": \"2h\", \"zone\": \"UTC\"}, \"comment\": \"x\"} | not a day",
        "bad zone | {\"host\": \"a\", \"repeat\": {\"days\": [\"Sat\"], \"start\": \"22:00\","
            + " \"length\": \"2h\", \"zone\": \"Mars/Base\"}, \"comment\": \"x\"} | zone",
        "far start | {\"host\": \"a\", \"startsAt\": \"2999-01-01T00:00:00Z\", \"duration\":"
            + " \"1h\", \"comment\": \"x\"} | more than a year away",
        "not json | {\"host\": | not valid JSON",
        "an array | [1, 2] | must be a JSON object",
        "a number host | {\"host\": 7, \"duration\": \"1h\", \"comment\": \"x\"} | must be a"
            + " string",
      })
  void shouldRefuseABadSilenceWithASentence(String name, String body, String expected)
      throws Exception {
    var answer = server.post("/api/silences", body);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("error").asText()).contains(expected);
    assertThat(JSON.readTree(server.get("/api/silences").body())).isEmpty();
  }

  @Test
  void shouldRefuseABodyThatIsNotJsonOrTooBig() throws Exception {
    var form =
        server.post(
            "/api/silences", "host=dev-anna", "Content-Type", "application/x-www-form-urlencoded");
    var huge =
        server.post(
            "/api/incidents/" + TestIncidents.APT_HANG_ID + "/notes",
            "{\"text\": \"" + "a".repeat(20_000) + "\"}");

    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(huge.body()).contains("larger than 16 KB");
  }

  @Test
  void shouldAcknowledgeNoteAndShowTheHistoryAndTheAuditTrail() throws Exception {
    String path = "/api/incidents/" + TestIncidents.APT_HANG_ID;

    var ack = server.post(path + "/ack", "{\"comment\": \"on it\", \"author\": \"zoe\"}");
    var note =
        server.post(path + "/notes", "{\"text\": \"<b>set autoMemoryReclaim=dropCache</b>\"}");

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(note.statusCode()).isEqualTo(201);
    JsonNode history = JSON.readTree(server.get(path + "/history").body());
    assertThat(history.path("acknowledged").path("by").asText()).isEqualTo("zoe (local)");
    assertThat(history.path("history").findValuesAsText("what"))
        .containsExactly("opened", "acknowledged", "note");
    assertThat(server.get(path + "/history").body())
        .as("text from people stays data in the JSON")
        .contains("\\u003Cb\\u003E")
        .doesNotContain("<b>");
    JsonNode audit = JSON.readTree(server.get("/api/audit").body());
    assertThat(audit.findValuesAsText("action"))
        .containsExactly("incident.note", "incident.acknowledge");
    assertThat(audit.get(0).path("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(JSON.readTree(server.get("/api/acks?host=dev-laptop-07").body())).hasSize(1);
    assertThat(JSON.readTree(server.get("/api/acks?host=build-box-03").body())).isEmpty();
  }

  @Test
  void shouldAnswer404ForAnUnknownIncidentAndNeedTextForANote() throws Exception {
    assertThat(server.post("/api/incidents/inc-nope/ack", "{}").statusCode()).isEqualTo(404);
    var empty =
        server.post("/api/incidents/" + TestIncidents.APT_HANG_ID + "/notes", "{\"text\": \" \"}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(server.get("/api/incidents/inc-nope/history").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldExportAlertsAndIncidentsAsCsvThatSpreadsheetsKeepAsText() throws Exception {
    Incident hostile = TestIncidents.hostileLogLine();
    server.state.apply(firing(hostile));
    server.post(
        "/api/incidents/" + hostile.id() + "/ack",
        "{\"comment\": \"=HYPERLINK(\\\"http://x\\\")\"}");

    HttpResponse<String> alerts = server.get("/api/alerts?format=csv");
    HttpResponse<String> incidents = server.get("/api/export/incidents?format=csv");
    HttpResponse<String> acks = server.get("/api/acks?format=csv");

    assertThat(alerts.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(alerts.body().lines())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("fingerprint,host,rule,state");
    assertThat(incidents.body().lines().skip(1)).hasSize(3);
    assertThat(acks.body()).contains("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(server.get("/api/export/incidents?host=build-box-03").body())
        .contains(TestIncidents.TERMINAL_ID)
        .doesNotContain(TestIncidents.APT_HANG_ID);
    assertThat(server.get("/api/alerts?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  void shouldRefuseChangesWithASentenceWhenItCannotRecordThem() throws Exception {
    try (TeamServer readOnly = new TeamServer(ServerSecurity.LOOPBACK, false)) {
      var answer = readOnly.post("/api/incidents/" + TestIncidents.APT_HANG_ID + "/ack", "{}");

      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.body()).contains("cannot record changes");
      assertThat(JSON.readTree(readOnly.get("/api/audit").body())).isEmpty();
    }
  }

  @Test
  void shouldRequireTheTokenForAChangeEvenFromThisMachineWhenOneIsSet() throws Exception {
    var security =
        new ServerSecurity(AccessPolicy.requiring("s3cret-token-value", null), Optional.empty());
    try (TeamServer guarded = new TeamServer(security, true)) {
      String ack = "/api/incidents/" + TestIncidents.APT_HANG_ID + "/ack";

      var refused = guarded.post(ack, "{}");
      var accepted = guarded.post(ack, "{}", "Authorization", "Bearer s3cret-token-value");

      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(accepted.body()).path("by").asText()).isEqualTo("token");
      assertThat(guarded.get("/api/audit").body()).doesNotContain("s3cret");
    }
  }

  private static Alert firing(Incident incident) {
    return new Alert(
        Alert.fingerprintOf(incident.host(), incident.rule()),
        incident.host(),
        incident.rule(),
        Alert.Status.FIRING,
        incident.severity(),
        incident.title(),
        incident.id(),
        incident.openedAt(),
        null);
  }
}
