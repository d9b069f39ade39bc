package dev.stallwatch.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.MalformedRecordException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LenientEventsTest {

  private static final String HAND_WRITTEN =
      "{\"type\":\"resource_saver\",\"host\":\"dev-anna\",\"ts\":\"2026-11-23T08:10:00Z\","
          + "\"state\":\"entered\"}";

  @Test
  void shouldReadAResourceSaverEventThatAPersonWrote() {
    LenientEvents.Read read = TelemetryCodec.fromJsonLenient(HAND_WRITTEN);

    ResourceSaver saver = (ResourceSaver) read.event();
    assertThat(saver.state()).isEqualTo(ResourceSaver.State.ENTERED);
    assertThat(saver.seenVia()).isEqualTo(LenientEvents.REPORTED_SEEN_VIA);
    assertThat(saver.envelope().v()).isEqualTo(1);
    assertThat(saver.envelope().seq()).isEqualTo(LenientEvents.NO_SEQ);
    assertThat(saver.ts()).isEqualTo(Instant.parse("2026-11-23T08:10:00Z"));
    assertThat(read.filled())
        .containsExactlyInAnyOrder(
            LenientEvents.Filled.VERSION,
            LenientEvents.Filled.ID,
            LenientEvents.Filled.SEQ,
            LenientEvents.Filled.SEEN_VIA,
            LenientEvents.Filled.ENUM_CASE);
  }

  @Test
  void shouldStillRefuseTheSameEventOnTheWire() {
    assertThatThrownBy(() -> TelemetryCodec.fromJson(HAND_WRITTEN))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("resource_saver event: missing field 'v'");
    String withEnvelope =
        "{\"type\":\"resource_saver\",\"v\":1,\"host\":\"dev-anna\",\"ts\":\"2026-11-23T08:10:00Z\","
            + "\"seq\":3,\"id\":\"a\",\"state\":\"entered\",\"seenVia\":\"LOG_PATTERN\"}";
    assertThatThrownBy(() -> TelemetryCodec.fromJson(withEnvelope))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("state");
  }

  @Test
  void shouldDeriveTheSameIdFromTheSameContentWhateverTheFieldOrder() {
    String reordered =
        "{\"state\":\"entered\", \"ts\":\"2026-11-23T08:10:00Z\",\"host\":\"dev-anna\","
            + "\"type\":\"resource_saver\"}";
    String other = HAND_WRITTEN.replace("08:10:00", "08:11:00");

    String id = TelemetryCodec.fromJsonLenient(HAND_WRITTEN).event().id();

    assertThat(TelemetryCodec.fromJsonLenient(reordered).event().id()).isEqualTo(id);
    assertThat(TelemetryCodec.fromJsonLenient(other).event().id()).isNotEqualTo(id);
  }

  @Test
  void shouldLeaveAWireEventAsItIsAndSayNothingFilled() {
    TelemetryEvent wire = SampleEvents.byType().get("hung_task");

    LenientEvents.Read read = TelemetryCodec.fromJsonLenient(TelemetryCodec.toJson(wire));

    assertThat(read.event()).isEqualTo(wire);
    assertThat(read.filled()).isEmpty();
  }

  @Test
  void shouldStillRequireWhatTheEventSays() {
    assertThatThrownBy(
            () ->
                TelemetryCodec.fromJsonLenient(
                    "{\"type\":\"resource_saver\",\"ts\":\"2026-11-23T08:10:00Z\","
                        + "\"state\":\"ENTERED\"}"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessage("resource_saver event: missing field 'host'");
    assertThatThrownBy(
            () ->
                TelemetryCodec.fromJsonLenient(
                    "{\"type\":\"resource_saver\",\"host\":\"dev-anna\","
                        + "\"ts\":\"2026-11-23T08:10:00Z\",\"state\":\"asleep\"}"))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("state");
  }

  @Test
  void shouldFillInTheDockerCliPathDockerDesktopUses() {
    DockerCli cli =
        (DockerCli)
            TelemetryCodec.fromJsonLenient(
                    "{\"type\":\"docker_cli\",\"host\":\"dev-anna\","
                        + "\"ts\":\"2026-11-23T08:10:00Z\",\"state\":\"missing\"}")
                .event();

    assertThat(cli.state()).isEqualTo(DockerCli.State.MISSING);
    assertThat(cli.path()).isEqualTo("/usr/bin/docker");
  }

  @Test
  void shouldSayOnceForAFileWhatWasFilledIn() {
    LenientEvents.Tally tally = new LenientEvents.Tally();
    tally.add(TelemetryCodec.fromJsonLenient(HAND_WRITTEN));
    tally.add(TelemetryCodec.fromJsonLenient(HAND_WRITTEN.replace("entered", "EXITED")));
    tally.add(
        TelemetryCodec.fromJsonLenient(
            TelemetryCodec.toJson(SampleEvents.byType().get("hung_task"))));

    assertThat(tally.notice("events.jsonl"))
        .hasValue(
            "events.jsonl: 2 of 3 event(s) were not in the wire format and were read leniently:"
                + " 2 had no v (set to 1), 2 had no id (one derived from their content), 2 had no"
                + " seq (set to 0, which the gap check ignores), 1 had enum values in another case"
                + " (read in any case), 2 had type resource_saver and no seenVia (taken as"
                + " STATUS_COMMAND)");
  }

  @Test
  void shouldSayNothingForAFileOfWireEvents() {
    LenientEvents.Tally tally = new LenientEvents.Tally();
    tally.add(
        TelemetryCodec.fromJsonLenient(
            TelemetryCodec.toJson(SampleEvents.byType().get("hung_task"))));

    assertThat(tally.notice("events.jsonl")).isEmpty();
  }
}
