package dev.stallwatch.server.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.Alert;
import dev.stallwatch.model.Severity;
import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.model.team.SilenceMatchers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What a server makes of records it applied itself and then reads back from the topics, and when an
 * "until resolved" silence ends.
 */
class TeamStateReadBackTest {

  private static final Instant NOW = Instant.parse("2026-12-02T16:00:00Z");
  private final TeamState state = new TeamState(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void shouldListAnAuditEntryOnceWhenTheFeedReadsBackWhatThisServerRecorded() {
    AuditEntry ack =
        new AuditEntry(
            NOW, "anna (local)", "incident.acknowledge", "inc-dev-laptop-31", "on it", "127.0.0.1");
    AuditEntry note =
        new AuditEntry(
            NOW.plusSeconds(5), "local", "incident.note", "inc-dev-laptop-31", "again", null);

    state.apply(ack);
    state.apply(note);
    state.apply(ack);

    assertThat(state.audit()).containsExactly(note, ack);
  }

  @Test
  void shouldKeepASilenceEndedEarlyEndedWhenItsEarlierVersionIsReadBack() {
    Silence created = silence("dev-laptop-71", NOW.minusSeconds(600), NOW.plusSeconds(6600));
    Silence ended = created.expire(NOW.minusSeconds(60), "carla (local)");

    state.apply(created);
    state.apply(ended);
    state.apply(created);

    SilenceView view = state.silence(created.id()).orElseThrow();
    assertThat(view.state()).isEqualTo("expired");
    assertThat(view.silence().expiredBy()).isEqualTo("carla (local)");
  }

  @Test
  void shouldEndAnUntilResolvedSilenceOnceItsAlertResolvedAndNotCoverTheHostsNextHang() {
    Silence untilResolved =
        new Silence(
            "s-until",
            new SilenceMatchers("dev-laptop-43", null, null),
            NOW.minusSeconds(900),
            null,
            true,
            null,
            "anna (local)",
            "Docker Desktop 4.43 is rolling out",
            NOW.minusSeconds(900),
            null,
            null);
    state.apply(untilResolved);
    Instant firstStart = NOW.minusSeconds(800);
    Instant cleared = NOW.minusSeconds(300);
    state.apply(alert(firstStart, null));
    assertThat(state.silence("s-until").orElseThrow().state()).isEqualTo("active");
    state.apply(alert(firstStart, cleared));
    assertThat(state.silence("s-until").orElseThrow().endedAt()).isEqualTo(cleared);

    state.apply(alert(NOW.minusSeconds(120), null));

    SilenceView view = state.silence("s-until").orElseThrow();
    assertThat(view.state()).isEqualTo("expired");
    assertThat(view.endedAt()).isEqualTo(cleared);
    assertThat(state.alerts().getFirst().state()).isEqualTo("firing");
    assertThat(state.alerts().getLast().state()).isEqualTo("silenced");
  }

  private static Silence silence(String host, Instant startsAt, Instant endsAt) {
    return new Silence(
        "s-" + host,
        new SilenceMatchers(host, null, null),
        startsAt,
        endsAt,
        false,
        null,
        "ben (local)",
        "swapping the SSD",
        startsAt,
        null,
        null);
  }

  /**
   * dev-laptop-43's Resource Saver alert of the episode from {@code startsAt}, firing if no end.
   */
  private static Alert alert(Instant startsAt, Instant endsAt) {
    return new Alert(
        Alert.fingerprintOf("dev-laptop-43", "resource-saver-gradual"),
        "dev-laptop-43",
        "resource-saver-gradual",
        endsAt == null ? Alert.Status.FIRING : Alert.Status.RESOLVED,
        Severity.WARNING,
        "apt hung while Docker Desktop was in Resource Saver",
        null,
        startsAt,
        endsAt);
  }
}
