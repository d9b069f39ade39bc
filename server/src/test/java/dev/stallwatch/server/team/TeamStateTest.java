package dev.stallwatch.server.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.team.AuditEntry;
import dev.stallwatch.model.team.Silence;
import dev.stallwatch.model.team.SilenceMatchers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a server makes of records it applied itself and then reads back from the topics. */
class TeamStateTest {

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
}
