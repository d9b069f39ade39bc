package dev.stallwatch.server.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What the progress meters show, from offsets given as literals and time advanced on purpose. */
class ProgressSampleTest {

  private static final long SECOND = 1_000_000_000L;
  private static final TopicPartition TELEMETRY_0 = new TopicPartition("stallwatch.telemetry", 0);
  private static final TopicPartition TELEMETRY_1 = new TopicPartition("stallwatch.telemetry", 1);
  private static final TopicPartition TELEMETRY_2 = new TopicPartition("stallwatch.telemetry", 2);
  private static final TopicPartition INCIDENTS_0 = new TopicPartition("stallwatch.incidents", 0);
  private static final TopicPartition INCIDENTS_1 = new TopicPartition("stallwatch.incidents", 1);

  @Test
  void shouldCountEventsInAsTheSumOfTheTelemetryEndOffsets() {
    Offsets offsets = telemetry(Map.of(TELEMETRY_0, 40L, TELEMETRY_1, 2L, TELEMETRY_2, 0L));

    assertThat(offsets.eventsIn()).isEqualTo(42);
  }

  @Test
  void shouldRateEventsInOverTheTimeBetweenTwoSamples() {
    ProgressSample first =
        ProgressSample.next(
            ProgressSample.none(0), telemetry(Map.of(TELEMETRY_0, 100L)), 10 * SECOND);
    ProgressSample second =
        ProgressSample.next(first, telemetry(Map.of(TELEMETRY_0, 200L)), 15 * SECOND);

    assertThat(first.eventsPerSecond()).as("nothing to compare the first sample with").isNaN();
    assertThat(second.eventsIn()).isEqualTo(200);
    assertThat(second.eventsPerSecond()).isEqualTo(20.0);
  }

  @Test
  void shouldNotShowANegativeRateWhenTheTelemetryTopicWasRecreated() {
    ProgressSample before =
        ProgressSample.next(
            ProgressSample.none(0), telemetry(Map.of(TELEMETRY_0, 5_000L)), 10 * SECOND);
    ProgressSample after =
        ProgressSample.next(before, telemetry(Map.of(TELEMETRY_0, 3L)), 15 * SECOND);

    assertThat(after.eventsPerSecond()).isNaN();
    assertThat(after.eventsIn()).isEqualTo(3);
  }

  @Test
  void shouldCountAnalyzerLagFromTheFirstOffsetOfPartitionsItHasNotCommittedIn() {
    Offsets offsets =
        new Offsets(
            Map.of(TELEMETRY_0, 40L, TELEMETRY_1, 30L, TELEMETRY_2, 25L),
            Map.of(TELEMETRY_0, 40L, TELEMETRY_1, 28L),
            Map.of(),
            Map.of(),
            // Retention removed the first 20 records of partition 2 before the analyzer read it.
            Map.of(TELEMETRY_2, 20L));

    assertThat(offsets.analyzerLag()).isEqualTo(0 + 2 + 5);
  }

  @Test
  void shouldShowNoAnalyzerLagBeforeTheAnalyzerCommittedAnything() {
    Offsets offsets = telemetry(Map.of(TELEMETRY_0, 40L));

    assertThat(offsets.analyzerLag()).isNaN();
  }

  @Test
  void shouldCountIndexLagFromWhereTheIndexerIsAndFromTheStartOfPartitionsNotAssignedYet() {
    Offsets offsets =
        new Offsets(
            Map.of(),
            Map.of(),
            Map.of(INCIDENTS_0, 12L, INCIDENTS_1, 9L),
            Map.of(INCIDENTS_0, 10L),
            // Compaction removed the first 4 records of partition 1.
            Map.of(INCIDENTS_1, 4L));

    assertThat(offsets.indexLag()).isEqualTo(2 + 5);
  }

  @Test
  void shouldNotCountAnIndexerPastTheEndOfARecreatedTopicAsNegativeLag() {
    Offsets offsets =
        new Offsets(
            Map.of(), Map.of(), Map.of(INCIDENTS_0, 3L), Map.of(INCIDENTS_0, 900L), Map.of());

    assertThat(offsets.indexLag()).isZero();
  }

  @Test
  void shouldShowTheAgeOfTheLastSample() {
    ProgressSample sample =
        ProgressSample.next(ProgressSample.none(0), telemetry(Map.of()), 10 * SECOND);

    assertThat(sample.ageSeconds(12 * SECOND + SECOND / 2)).isEqualTo(2.5);
    assertThat(ProgressSample.none(3 * SECOND).ageSeconds(10 * SECOND))
        .as("with no sample yet, the age counts from the start")
        .isEqualTo(7.0);
  }

  private static Offsets telemetry(Map<TopicPartition, Long> ends) {
    return new Offsets(ends, Map.of(), Map.of(), Map.of(), Map.of());
  }
}
