package dev.stallwatch.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallwatch.model.Json;
import dev.stallwatch.model.MalformedRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryCodecTest {

  static Stream<String> typeNames() {
    return SampleEvents.typeNames().stream();
  }

  @ParameterizedTest
  @MethodSource("typeNames")
  void shouldWriteEveryTypeExactlyAsItsGoldenFile(String type) throws IOException {
    TelemetryEvent sample = SampleEvents.byType().get(type);

    JsonNode written = Json.mapper().readTree(TelemetryCodec.toJson(sample));

    assertThat(written).isEqualTo(golden(type));
  }

  @ParameterizedTest
  @MethodSource("typeNames")
  void shouldReadEveryGoldenFileBackToTheSameEvent(String type) throws IOException {
    TelemetryEvent read = TelemetryCodec.fromJson(goldenText(type));

    assertThat(read).isEqualTo(SampleEvents.byType().get(type));
    assertThat(read.type()).isEqualTo(type);
  }

  @Test
  void shouldPutTheEnvelopeFirstOnTheWire() throws IOException {
    JsonNode written =
        Json.mapper().readTree(TelemetryCodec.toJson(SampleEvents.byType().get("hung_task")));

    List<String> names = new ArrayList<>();
    written.fieldNames().forEachRemaining(names::add);

    assertThat(names.subList(0, 6)).containsExactly("type", "v", "host", "ts", "seq", "id");
  }

  @Test
  void shouldRegisterExactlyThePermittedSubclassesWithAGoldenFileEach() {
    List<Class<?>> permitted = Arrays.asList(TelemetryEvent.class.getPermittedSubclasses());
    List<Class<?>> registered = new ArrayList<>(EventTypes.all().values());

    assertThat(registered).containsExactlyInAnyOrderElementsOf(permitted);
    assertThat(SampleEvents.typeNames()).containsExactlyElementsOf(EventTypes.all().keySet());
  }

  @Test
  void shouldReadAnEngineProbeOfAnOlderCollectorAsWaitingForNobody() throws IOException {
    ObjectNode tree = (ObjectNode) golden("engine_probe");
    tree.remove("waitingClients");

    EngineProbe read = (EngineProbe) TelemetryCodec.fromJson(tree.toString());

    assertThat(read.waitingClients()).isEmpty();
    assertThat(Json.mapper().readTree(TelemetryCodec.toJson(read)).has("waitingClients")).isFalse();
  }

  @Test
  void shouldReadAFreezeOfAnOlderCollectorAsSeenByBothClocks() throws IOException {
    ObjectNode tree = (ObjectNode) golden("freeze");
    tree.remove("monotonicMillis");

    Freeze read = (Freeze) TelemetryCodec.fromJson(tree.toString());

    assertThat(read.monotonicMillis()).isNull();
    assertThat(read.unseenByMonotonicClock()).isZero();
  }

  @Test
  void shouldTellHowMuchOfAFreezeTheMonotonicClockDidNotSee() {
    Envelope envelope = SampleEvents.envelope("2026-11-20T10:00:01Z", 1, "f1");
    Instant from = Instant.parse("2026-11-20T09:00:00Z");
    Instant to = Instant.parse("2026-11-20T10:00:00Z");

    Freeze frozenProcess = new Freeze(envelope, from, to, 3_599_900L);
    Freeze suspendedGuest = new Freeze(envelope, from, to, 4_000L);

    assertThat(frozenProcess.unseenByMonotonicClock()).hasMillis(100);
    assertThat(suspendedGuest.unseenByMonotonicClock()).hasSeconds(3_596);
  }

  @Test
  void shouldLeaveOutTheFieldsAnOlderReaderDoesNotNeed() throws IOException {
    ResourceSaver byLog =
        new ResourceSaver(
            SampleEvents.envelope("2026-11-20T09:05:00Z", 2, "r1"),
            ResourceSaver.State.ENTERED,
            ResourceSaver.SeenVia.LOG_PATTERN,
            "line");
    EngineProbe byProbe =
        new EngineProbe(
            SampleEvents.envelope("2026-11-20T09:05:00Z", 3, "p1"), ProbeStatus.OK, 3L, null);

    assertThat(Json.mapper().readTree(TelemetryCodec.toJson(byLog)).has("busyReason")).isFalse();
    assertThat(Json.mapper().readTree(TelemetryCodec.toJson(byProbe)).has("via")).isFalse();
    assertThat(byProbe.seenVia()).isEqualTo(EngineProbe.Via.SOCKET);
  }

  @Test
  void shouldIgnoreFieldsItDoesNotKnow() throws IOException {
    ObjectNode tree = (ObjectNode) golden("hung_task");
    tree.put("kernelStack", "io_schedule+0x46/0x70");
    tree.putObject("addedInV2").put("cpu", 3);

    TelemetryEvent read = TelemetryCodec.fromJson(tree.toString());

    assertThat(read).isEqualTo(SampleEvents.byType().get("hung_task"));
  }

  @Test
  void shouldDateAHungTaskFromWhenItStartedToBlock() {
    HungTask hung = (HungTask) SampleEvents.byType().get("hung_task");

    assertThat(hung.onset()).isEqualTo(Instant.parse("2026-11-20T09:06:03Z"));
  }

  static Stream<Arguments> malformed() {
    String hung =
        "{\"type\":\"hung_task\",\"v\":1,\"host\":\"h\",\"ts\":\"2026-11-20T09:08:05Z\",\"seq\":8,"
            + "\"id\":\"e1\",\"comm\":\"apt-get\",\"pid\":%s,\"blockedSeconds\":%s}";
    return Stream.of(
        Arguments.of("{\"type\":\"hung_task\",", "not JSON"),
        Arguments.of("[1,2,3]", "expected a JSON object, got ARRAY"),
        Arguments.of("{\"host\":\"h\"}", "missing field 'type'"),
        Arguments.of("{\"type\":\"oom_kill\",\"host\":\"h\"}", "unknown event type 'oom_kill'"),
        Arguments.of(
            "{\"type\":\"freeze\",\"v\":1,\"ts\":\"2026-11-20T09:08:05Z\",\"seq\":1,\"id\":\"x\"}",
            "freeze event: missing field 'host'"),
        Arguments.of(hung.formatted("\"many\"", "122"), "hung_task event: field 'pid'"),
        Arguments.of(hung.formatted("4711", "-5"), "blockedSeconds must be between 0 and"),
        Arguments.of(hung.formatted("4711", "2147483647"), "(30 days), was 2147483647"),
        Arguments.of(
            hung.replace("\"v\":1", "\"v\":99").formatted("1", "2"),
            "v 99 is not a version this reader knows"),
        Arguments.of(
            hung.replace("\"host\":\"h\"", "\"host\":\"<img src=x onerror=alert(1)>\"")
                .formatted("1", "2"),
            "host must be 1 to 128 letters, digits"),
        Arguments.of(
            hung.replace("\"host\":\"h\"", "\"host\":\"" + "a".repeat(100_000) + "\"")
                .formatted("1", "2"),
            "(100000 characters)"),
        Arguments.of(
            "{\"type\":\"freeze\",\"v\":1,\"host\":\"h\",\"ts\":\"2026-11-20T09:12:01Z\","
                + "\"seq\":1,\"id\":\"x\",\"from\":\"1970-01-01T00:00:00Z\","
                + "\"to\":\"2026-11-20T09:12:00Z\"}",
            "freeze event: from 1970-01-01T00:00:00Z is more than 30 days from the event time"),
        Arguments.of(
            "{\"type\":\"io_stall\",\"v\":1,\"host\":\"h\",\"ts\":\"2026-11-20T09:12:01Z\","
                + "\"seq\":1,\"id\":\"x\",\"kind\":\"PROBE\",\"stalledMillis\":-1}",
            "stalledMillis must be between 0 and"),
        Arguments.of(
            hung.replace("2026-11-20T09:08:05Z", "yesterday").formatted("1", "2"),
            "hung_task event: field 'ts'"),
        Arguments.of(
            hung.replace("\"host\":\"h\"", "\"host\":\"\"").formatted("1", "2"),
            "host must not be empty"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void shouldRejectMalformedInputWithAReasonNamingTheProblem(String json, String reason) {
    assertThatThrownBy(() -> TelemetryCodec.fromJson(json))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void shouldRejectAnOversizedEventBeforeParsingIt() {
    byte[] huge = new byte[TelemetryCodec.MAX_EVENT_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');

    assertThatThrownBy(() -> TelemetryCodec.fromBytes(huge))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("exceeds the limit");
  }

  private static JsonNode golden(String type) throws IOException {
    return Json.mapper().readTree(goldenText(type));
  }

  private static String goldenText(String type) throws IOException {
    try (InputStream in =
        TelemetryCodecTest.class.getResourceAsStream("/golden/" + type + ".json")) {
      assertThat(in).as("golden file for " + type).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
