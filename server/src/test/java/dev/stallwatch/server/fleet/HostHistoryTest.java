package dev.stallwatch.server.fleet;

import static dev.stallwatch.server.fleet.FleetEvents.engine;
import static dev.stallwatch.server.fleet.FleetEvents.hungTask;
import static dev.stallwatch.server.fleet.FleetEvents.ioPressure;
import static dev.stallwatch.server.fleet.FleetEvents.memory;
import static dev.stallwatch.server.fleet.FleetEvents.reclaim;
import static dev.stallwatch.server.fleet.FleetEvents.resourceSaver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stallwatch.model.event.ProbeStatus;
import dev.stallwatch.model.event.ResourceSaver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostHistoryTest {

  private static final String HOST = "dev-anna";
  private static final long MIB = 1024 * 1024;

  /** The start of a 2-minute step, so samples land in known steps. */
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  private final HostHistory history = new HostHistory();

  @Test
  void shouldKeepTheLowestAvailableMemoryTheLastPageCacheAndTheHighestIoPressurePerStep() {
    history.record(memory(HOST, T0, 4000, 900));
    history.record(memory(HOST, T0.plusSeconds(5), 1200, 800));
    history.record(memory(HOST, T0.plusSeconds(10), 3000, 700));
    history.record(ioPressure(HOST, T0.plusSeconds(5), 12.5));
    history.record(ioPressure(HOST, T0.plusSeconds(10), 3.0));
    history.record(memory(HOST, T0.plusSeconds(125), 5000, 600));

    Timeline timeline = history.timeline(T0, T0.plusSeconds(359));

    assertThat(timeline.stepSeconds()).isEqualTo(120);
    assertThat(values(timeline, "memAvailableBytes")).containsExactly(1200 * MIB, 5000 * MIB, null);
    assertThat(values(timeline, "pageCacheBytes")).containsExactly(700 * MIB, 600 * MIB, null);
    assertThat(values(timeline, "psiIoAvg10")).containsExactly(12.5, null, null);
    assertThat(timeline.series().get("memAvailableBytes").getFirst().at())
        .isEqualTo(T0.toEpochMilli());
  }

  @Test
  void shouldIgnorePressureOfOtherResources() {
    history.record(FleetEvents.cpuPressure(HOST, T0, 80));

    assertThat(values(history.timeline(T0, T0.plusSeconds(60)), "psiIoAvg10"))
        .containsExactly((Object) null);
  }

  @Test
  void shouldForgetSamplesOlderThanADayOnceNewerOnesArrive() {
    history.record(memory(HOST, T0, 1000, 100));
    history.record(memory(HOST, T0.plus(Duration.ofHours(24)), 2000, 200));
    history.record(memory(HOST, T0.minusSeconds(600), 10, 1)); // arrives late, too old to keep

    Timeline day = history.timeline(T0.minusSeconds(600), T0.plus(Duration.ofHours(24)));

    List<Object> available = values(day, "memAvailableBytes");
    assertThat(available).hasSize(726).containsOnlyOnce(2000 * MIB).doesNotContain(1000 * MIB);
    assertThat(available.stream().filter(v -> v != null)).hasSize(1);
  }

  @Test
  void shouldShowResourceSaverFromEntryToExitAndAnOpenOneUntilNow() {
    history.record(resourceSaver(HOST, T0, ResourceSaver.State.ENTERED));
    history.record(resourceSaver(HOST, T0.plusSeconds(600), ResourceSaver.State.EXITED));
    history.record(resourceSaver(HOST, T0.plusSeconds(1800), ResourceSaver.State.ENTERED));
    history.record(resourceSaver(HOST, T0.plusSeconds(1900), ResourceSaver.State.ENTERED));

    List<Timeline.Band> bands = history.timeline(T0.minusSeconds(60), T0.plusSeconds(3600)).bands();

    assertThat(bands)
        .containsExactly(
            new Timeline.Band(
                "resource-saver", T0, T0.plusSeconds(600), "engine /_ping timed out 3 times"),
            new Timeline.Band(
                "resource-saver", T0.plusSeconds(1800), null, "engine /_ping timed out 3 times"));
  }

  @Test
  void shouldStartABandAtTheWindowWhenItBeganBeforeTheWindowOrTheHistory() {
    history.record(engine(HOST, T0, ProbeStatus.TIMEOUT));
    history.record(engine(HOST, T0.plusSeconds(300), ProbeStatus.OK));
    history.record(resourceSaver(HOST, T0.plusSeconds(400), ResourceSaver.State.EXITED));

    List<Timeline.Band> bands = history.timeline(T0.plusSeconds(120), T0.plusSeconds(3600)).bands();

    assertThat(bands)
        .extracting(Timeline.Band::kind, Timeline.Band::from, Timeline.Band::to)
        .containsExactly(
            tuple("engine-down", T0.plusSeconds(120), T0.plusSeconds(300)),
            tuple("resource-saver", T0.plusSeconds(120), T0.plusSeconds(400)));
    assertThat(bands.getFirst().label())
        .isEqualTo("engine /_ping timeout: context deadline exceeded");
    assertThat(bands.get(1).label()).contains("before the history starts");
  }

  @Test
  void shouldDrawNoBandForAnEngineThatAnswersOrAnExitSeenTwice() {
    history.record(engine(HOST, T0, ProbeStatus.OK));
    history.record(resourceSaver(HOST, T0.plusSeconds(60), ResourceSaver.State.ENTERED));
    history.record(resourceSaver(HOST, T0.plusSeconds(300), ResourceSaver.State.EXITED));
    history.record(resourceSaver(HOST, T0.plusSeconds(302), ResourceSaver.State.EXITED));

    List<Timeline.Band> bands = history.timeline(T0, T0.plusSeconds(3600)).bands();

    assertThat(bands)
        .extracting(Timeline.Band::kind, Timeline.Band::from, Timeline.Band::to)
        .containsExactly(tuple("resource-saver", T0.plusSeconds(60), T0.plusSeconds(300)));
  }

  @Test
  void shouldLeaveOutBandsAndMarkersOutsideTheWindow() {
    history.record(resourceSaver(HOST, T0, ResourceSaver.State.ENTERED));
    history.record(resourceSaver(HOST, T0.plusSeconds(60), ResourceSaver.State.EXITED));
    history.record(hungTask(HOST, T0.plusSeconds(30)));
    history.record(hungTask(HOST, T0.plusSeconds(7200)));

    Timeline later = history.timeline(T0.plusSeconds(3600), T0.plusSeconds(9000));

    assertThat(later.bands()).isEmpty();
    assertThat(later.markers())
        .containsExactly(
            new Timeline.Marker(
                "hung_task",
                T0.plusSeconds(7200),
                "INFO: task apt-get:4711 blocked for more than 122 seconds."));
  }

  @Test
  void shouldKeepOnlyTheNewestMarkersAndBands() {
    for (int i = 0; i < 100; i++) {
      Instant at = T0.plusSeconds(60L * i);
      history.record(reclaim(HOST, at, "reclaim " + i));
      history.record(resourceSaver(HOST, at, ResourceSaver.State.ENTERED));
      history.record(resourceSaver(HOST, at.plusSeconds(30), ResourceSaver.State.EXITED));
    }

    Timeline timeline = history.timeline(T0, T0.plus(Duration.ofHours(3)));

    assertThat(timeline.markers()).hasSize(HostHistory.MAX_MARKERS);
    assertThat(timeline.markers().getFirst().text()).isEqualTo("reclaim 36");
    assertThat(timeline.markers().getLast().text()).isEqualTo("reclaim 99");
    assertThat(timeline.bands()).hasSize(HostHistory.MAX_BANDS);
    assertThat(timeline.bands().getFirst().from()).isEqualTo(T0.plusSeconds(60L * 36));
  }

  @Test
  void shouldShortenWhatTheMachineSaidToOneLineOfAMarker() {
    history.record(reclaim(HOST, T0, "x".repeat(5000)));

    String text = history.timeline(T0, T0.plusSeconds(60)).markers().getFirst().text();

    assertThat(text).hasSize(Markers.MAX_TEXT).endsWith("…");
  }

  private static List<Object> values(Timeline timeline, String series) {
    return timeline.series().get(series).stream().map(p -> (Object) p.value()).toList();
  }
}
