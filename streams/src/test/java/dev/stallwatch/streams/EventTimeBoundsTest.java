package dev.stallwatch.streams;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeBoundsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
  private final EventTimeBounds bounds = EventTimeBounds.DEFAULTS;

  @Test
  void shouldAcceptEventsFromAWeekAgoUpToTenMinutesAhead() {
    assertThat(bounds.violation(NOW.minus(ofDays(7)), NOW)).isEmpty();
    assertThat(bounds.violation(NOW.plus(ofMinutes(10)), NOW)).isEmpty();
  }

  @Test
  void shouldSayHowFarOffAnEventIsAndWhatTheLimitIs() {
    assertThat(bounds.violation(NOW.plus(ofMinutes(11)), NOW))
        .hasValue(
            "event time 2026-12-02T08:11:00Z is 11 minutes ahead of the analyzer's clock"
                + " (2026-12-02T08:00:00Z); more than 10m ahead is refused");
    assertThat(bounds.violation(NOW.minus(ofDays(8)), NOW))
        .hasValueSatisfying(reason -> assertThat(reason).contains("is 8 days before"));
  }

  @Test
  void shouldKeepOutputTimestampsBetween1970AndTheAllowanceAhead() {
    assertThat(bounds.outputTimestamp(Instant.parse("9999-12-31T23:59:59Z"), NOW))
        .isEqualTo(NOW.plus(ofMinutes(10)).toEpochMilli());
    assertThat(bounds.outputTimestamp(Instant.parse("1969-12-31T23:59:59Z"), NOW)).isZero();
    assertThat(bounds.outputTimestamp(NOW.minus(ofHours(3)), NOW))
        .isEqualTo(NOW.minus(ofHours(3)).toEpochMilli());
  }

  @Test
  void shouldRefuseAnAllowanceKafkaItselfWouldNotHonour() {
    assertThatThrownBy(() -> new EventTimeBounds(ofHours(1), ofDays(7)))
        .hasMessageContaining("less than 1h (Kafka refuses records more than 1h ahead");
    assertThatThrownBy(() -> new EventTimeBounds(ofMinutes(10), ofDays(400)))
        .hasMessageContaining("at most 365d, was 400d");
    assertThatThrownBy(() -> new EventTimeBounds(ofMinutes(10), ofDays(0)))
        .hasMessageContaining("more than 0");
  }
}
