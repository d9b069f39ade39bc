package dev.stallwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

  private Instant now = Instant.parse("2026-12-02T08:00:00Z");
  private final HealthTracker tracker =
      new HealthTracker(
          new Clock() {
            @Override
            public Instant instant() {
              return now;
            }

            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }
          });

  @Test
  void shouldReportTheStreamsStateItIsIn() {
    assertThat(tracker.snapshot().status()).isEqualTo(AnalyzerHealth.STARTING);
    tracker.stateChanged(KafkaStreams.State.REBALANCING);
    assertThat(tracker.snapshot().status()).isEqualTo(AnalyzerHealth.REBALANCING);
    tracker.stateChanged(KafkaStreams.State.RUNNING);
    assertThat(tracker.snapshot().healthy()).isTrue();
    tracker.stateChanged(KafkaStreams.State.ERROR);
    assertThat(tracker.snapshot().status()).isEqualTo(AnalyzerHealth.FAILING);
  }

  @Test
  void shouldShowARestartLoopAsFailingWithItsLastErrorUntilItHasBeenQuietForFiveMinutes() {
    tracker.stateChanged(KafkaStreams.State.RUNNING);
    for (int i = 0; i < 3; i++) {
      now = now.plusSeconds(50);
      tracker.threadFailed(
          new StreamsException(
              "Error encountered sending record to topic stallwatch.hosts",
              new InvalidTimestampException(
                  "Timestamp 253402300799000 of message is out of range")));
    }

    AnalyzerHealth looping = tracker.snapshot();
    assertThat(looping.status()).isEqualTo(AnalyzerHealth.FAILING);
    assertThat(looping.threadRestarts()).isEqualTo(3);
    assertThat(looping.recentRestarts()).isEqualTo(3);
    assertThat(looping.lastError())
        .isEqualTo(
            "Error encountered sending record to topic stallwatch.hosts"
                + " (InvalidTimestampException: Timestamp 253402300799000 of message is out of"
                + " range)");
    assertThat(looping.lastErrorAt()).isEqualTo(now);

    now = now.plus(HealthTracker.FAILING_WINDOW).plus(Duration.ofSeconds(1));
    AnalyzerHealth quiet = tracker.snapshot();
    assertThat(quiet.status()).isEqualTo(AnalyzerHealth.RUNNING);
    assertThat(quiet.threadRestarts()).isEqualTo(3);
    assertThat(quiet.recentRestarts()).isZero();
  }
}
