package dev.stallwatch.model.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallwatch.model.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SilenceTest {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z"); // a Monday
  private static final String COHORT = "wsl=2.5.7.0 dd=4.42.0 reclaim=gradual rs=on cgroup=v2";

  @Test
  void shouldMatchHostsAndRulesByPatternAndCohortsByTheirWords() {
    var matchers = new SilenceMatchers("build-box-*", "resource-saver-*", "dd=4.42.0 rs=on");

    assertThat(matchers.matches("build-box-03", "resource-saver-gradual", COHORT)).isTrue();
    assertThat(matchers.matches("dev-anna", "resource-saver-gradual", COHORT)).isFalse();
    assertThat(matchers.matches("build-box-03", "vm-freeze", COHORT)).isFalse();
    assertThat(matchers.matches("build-box-03", "resource-saver-gradual", "dd=4.43.0 rs=on"))
        .isFalse();
    assertThat(matchers.matches("build-box-03", "resource-saver-gradual", null)).isFalse();
    assertThat(new SilenceMatchers("a.b", null, null).matches("aXb", "r", null))
        .as("a dot is not a wildcard")
        .isFalse();
  }

  @Test
  void shouldRefuseASilenceThatMatchesEverythingOrNeverEnds() {
    assertThatThrownBy(() -> new SilenceMatchers(" ", null, ""))
        .hasMessageContaining("at least one matcher");
    assertThatThrownBy(() -> new SilenceMatchers(null, null, "gradual"))
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> silence(null, false, null)).hasMessageContaining("needs an expiry");
    assertThatThrownBy(() -> silence(T0.minusSeconds(1), false, null))
        .hasMessageContaining("end after it starts");
    assertThatThrownBy(() -> silence(T0.plus(Duration.ofDays(400)), false, null))
        .hasMessageContaining("at most a year");
    assertThatThrownBy(() -> silence(T0.plusSeconds(60), true, null))
        .hasMessageContaining("until resolved");
  }

  @Test
  void shouldSilenceFromItsStartUntilItsEndOrUntilSomeoneEndsIt() {
    Silence silence = silence(T0.plus(Duration.ofHours(2)), false, null);

    assertThat(silence.activeAt(T0.minusSeconds(1))).isFalse();
    assertThat(silence.activeAt(T0)).isTrue();
    assertThat(silence.activeAt(T0.plus(Duration.ofHours(2)))).isFalse();
    Silence ended = silence.expire(T0.plus(Duration.ofMinutes(30)), "token");
    assertThat(ended.activeAt(T0.plus(Duration.ofMinutes(29)))).isTrue();
    assertThat(ended.activeAt(T0.plus(Duration.ofMinutes(30)))).isFalse();
  }

  @Test
  void shouldRepeatAMaintenanceWindowAcrossMidnightInItsZone() {
    var window =
        new MaintenanceWindow(
            Set.of(DayOfWeek.SATURDAY),
            LocalTime.of(22, 0),
            Duration.ofHours(4),
            ZoneId.of("Europe/Berlin"));
    Silence weekly = silence(null, false, window);

    Instant saturday2130Utc = Instant.parse("2026-11-28T21:30:00Z"); // 22:30 in Berlin
    assertThat(weekly.activeAt(saturday2130Utc)).isTrue();
    assertThat(weekly.activeAt(Instant.parse("2026-11-29T00:59:00Z"))).as("01:59 Sunday").isTrue();
    assertThat(weekly.activeAt(Instant.parse("2026-11-29T01:00:00Z"))).as("02:00 Sunday").isFalse();
    assertThat(weekly.activeAt(Instant.parse("2026-11-28T20:59:00Z"))).isFalse();
    assertThat(weekly.activeAt(Instant.parse("2026-12-05T21:30:00Z"))).as("next week").isTrue();
  }

  @Test
  void shouldTravelAsJsonAndComeBackTheSame() {
    var window =
        new MaintenanceWindow(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
            LocalTime.of(6, 30),
            Duration.ofMinutes(90),
            ZoneId.of("Asia/Tokyo"));
    Silence silence = silence(T0.plus(Duration.ofDays(30)), false, window);
    var serde = Topics.SILENCES.valueSerde();

    byte[] wire = serde.serializer().serialize(Topics.SILENCES.name(), silence);
    assertThat(new String(wire, StandardCharsets.UTF_8))
        .contains("\"Asia/Tokyo\"", "\"06:30:00\"", "\"PT1H30M\"", "[\"MONDAY\",\"THURSDAY\"]");
    assertThat(serde.deserializer().deserialize(Topics.SILENCES.name(), wire)).isEqualTo(silence);
  }

  @Test
  void shouldKeyOneAcknowledgementPerIncidentAndEachNoteApart() {
    var ack = new IncidentAction("inc-1", IncidentAction.Kind.ACKNOWLEDGED, null, "token", T0, "");
    var again =
        new IncidentAction("inc-1", IncidentAction.Kind.ACKNOWLEDGED, null, "ops", T0, "mine");
    var note = new IncidentAction("inc-1", IncidentAction.Kind.NOTE, "n1", "ops", T0, "rebooted");

    assertThat(again.key()).isEqualTo(ack.key());
    assertThat(note.key()).isNotEqualTo(ack.key()).startsWith("inc-1/");
    assertThatThrownBy(
            () -> new IncidentAction("inc-1", IncidentAction.Kind.NOTE, "n2", "ops", T0, " "))
        .hasMessageContaining("some text");
  }

  private static Silence silence(Instant endsAt, boolean untilResolved, MaintenanceWindow repeat) {
    return new Silence(
        "s-1",
        new SilenceMatchers("build-box-03", null, null),
        T0,
        endsAt,
        untilResolved,
        repeat,
        "token",
        "upgrading Docker Desktop",
        T0,
        null,
        null);
  }
}
