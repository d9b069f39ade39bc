package dev.stallwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.event.ResourceSaver;
import dev.stallwatch.model.event.TelemetryCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events a person or another tool wrote, without the envelope a collector stamps: {@code diagnose},
 * {@code replay} and {@code parse --source events} read them and say once per file what they filled
 * in.
 */
class HandWrittenEventsTest {

  private static final String ENTERED =
      "{\"type\":\"resource_saver\",\"host\":\"dev-anna\",\"ts\":\"2026-11-23T09:05:00Z\","
          + "\"state\":\"ENTERED\"}";
  private static final String EXITED =
      "{\"type\":\"resource_saver\",\"host\":\"dev-anna\",\"ts\":\"2026-11-23T09:12:00Z\","
          + "\"state\":\"exited\"}";
  private static final String HUNG =
      "{\"type\":\"hung_task\",\"host\":\"dev-anna\",\"ts\":\"2026-11-23T09:08:05Z\","
          + "\"comm\":\"apt-get\",\"pid\":21874,\"blockedSeconds\":122,"
          + "\"line\":\"INFO: task apt-get:21874 blocked for more than 122 seconds.\"}";

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  @TempDir Path dir;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return InProcessCli.run(out, err, args);
  }

  @Test
  void shouldDiagnoseWithResourceSaverTransitionsAPersonWroteAndSayWhatWasFilledIn()
      throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    // Only the hand-written file tells when Resource Saver was entered and left.
    try (Stream<Path> logs = Files.list(capture.resolve("windows/AppData/Local/Docker/log/host"))) {
      for (Path log : logs.toList()) {
        Files.delete(log);
      }
    }
    Files.writeString(capture.resolve("events.jsonl"), ENTERED + "\n" + EXITED + "\n");

    int exit = run("diagnose", "--json", capture.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode incident = Json.mapper().readTree(out.toString()).get("incidents").get(0);
    assertThat(incident.get("rule").asText()).startsWith("resource-saver-");
    assertThat(err.toString().lines().toList())
        .containsExactly(
            capture.resolve("events.jsonl")
                + ": 2 of 2 event(s) were not in the wire format and were read leniently: 2 had no"
                + " v (set to 1), 2 had no id (one derived from their content), 2 had no seq (set"
                + " to 0, which the gap check ignores), 1 had enum values in another case (read in"
                + " any case), 2 had type resource_saver and no seenVia (taken as STATUS_COMMAND)");
    assertThat(Json.mapper().readTree(out.toString()).get("notices")).hasSize(1);
  }

  @Test
  void shouldGiveTheSameIncidentIdsForTheSameHandWrittenFileEveryTime() throws Exception {
    Path capture = Captures.copy("resource-saver-gradual", dir);
    Files.writeString(capture.resolve("events.jsonl"), ENTERED + "\n" + EXITED + "\n");

    run("diagnose", "--json", capture.toString());
    String first = out.toString();
    run("diagnose", "--json", capture.toString());

    assertThat(out.toString()).isEqualTo(first);
  }

  @Test
  void shouldReplayHandWrittenEventsWithOneNoticeForTheFile() throws IOException {
    Path file = dir.resolve("by-hand.jsonl");
    String inventory =
        "{\"type\":\"inventory\",\"host\":\"dev-anna\",\"ts\":\"2026-11-23T09:00:00Z\","
            + "\"cgroupLayout\":\"V2\",\"wslconfig\":{\"experimental.automemoryreclaim\":"
            + "\"gradual\"},\"dockerDesktopVersion\":\"4.42.0\",\"resourceSaverEnabled\":true}";
    Files.writeString(file, String.join("\n", inventory, ENTERED, HUNG, EXITED) + "\n");

    int exit = run("replay", "--json", file.toString());

    assertThat(exit).as(err.toString()).isZero();
    JsonNode incidents = Json.mapper().readTree(out.toString()).get("incidents");
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).get("rule").asText()).startsWith("resource-saver-");
    List<String> notices = err.toString().lines().toList();
    assertThat(notices).hasSize(1);
    assertThat(notices.getFirst())
        .startsWith(file + ": 4 of 4 event(s) were not in the wire format")
        .contains("4 had no v (set to 1)", "2 had enum values in another case");
  }

  @Test
  void shouldPrintHandWrittenEventsInTheWireFormatThatTheWireAccepts() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, ENTERED + "\nnot an event\n");

    int exit = run("parse", "--source", "events", file.toString());

    assertThat(exit).as("one bad line of two").isEqualTo(1);
    List<String> printed = out.toString().lines().toList();
    assertThat(printed).hasSize(1);
    ResourceSaver wire = (ResourceSaver) TelemetryCodec.fromJson(printed.getFirst());
    assertThat(wire.state()).isEqualTo(ResourceSaver.State.ENTERED);
    assertThat(wire.envelope().v()).isEqualTo(1);
    assertThat(wire.id()).isEqualTo(TelemetryCodec.fromJsonLenient(ENTERED).event().id());
    assertThat(err.toString())
        .contains(file + ":2: not JSON")
        .contains(file + ": 1 of 1 event(s) were not in the wire format");
  }

  @Test
  void shouldSayNothingForAFileOfWireEvents() throws IOException {
    Path file = dir.resolve("wire.jsonl");
    Files.writeString(
        file, TelemetryCodec.toJson(TelemetryCodec.fromJsonLenient(HUNG).event()) + "\n");

    assertThat(run("parse", "--source", "events", file.toString())).isZero();
    assertThat(err.toString()).isEmpty();
  }
}
