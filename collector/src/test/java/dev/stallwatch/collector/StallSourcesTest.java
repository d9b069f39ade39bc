package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallwatch.model.event.AptStall;
import dev.stallwatch.model.event.Freeze;
import dev.stallwatch.model.event.IoStall;
import dev.stallwatch.model.event.Reclaim;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The stall detectors on explicit samples and explicit time. */
class StallSourcesTest {

  private static final Instant T0 = Instant.parse("2026-11-20T09:06:00Z");
  private final EnvelopeFactory envelopes = new EnvelopeFactory("host-a", 0);

  private static DiskStatsParser.Disk sdc(long completed, long inFlight) {
    return new DiskStatsParser.Disk("sdc", completed, inFlight, 0);
  }

  @Test
  void shouldReportADiskWithRequestsInFlightAndNoCompletionsOncePerEpisode() {
    DiskStatsSource source =
        new DiskStatsSource(
            Fixtures.root(Fixtures.CGROUP2), Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(source.accept(List.of(sdc(100, 3)), T0, envelopes)).isEmpty();
    assertThat(source.accept(List.of(sdc(100, 3)), T0.plusSeconds(29), envelopes)).isEmpty();
    List<TelemetryEvent> stalled =
        source.accept(List.of(sdc(100, 3)), T0.plusSeconds(30), envelopes);
    List<TelemetryEvent> again = source.accept(List.of(sdc(100, 3)), T0.plusSeconds(45), envelopes);
    source.accept(List.of(sdc(101, 0)), T0.plusSeconds(46), envelopes);

    IoStall stall = (IoStall) stalled.getFirst();
    assertThat(stall.kind()).isEqualTo(IoStall.Kind.DISKSTATS);
    assertThat(stall.subject()).isEqualTo("sdc");
    assertThat(stall.stalledMillis()).isEqualTo(30_000);
    assertThat(stall.detail()).isEqualTo("3 request(s) in flight, no completions for 30 s");
    assertThat(again).isEmpty();
  }

  @Test
  void shouldNotCallAnIdleDiskStalled() {
    DiskStatsSource source =
        new DiskStatsSource(
            Fixtures.root(Fixtures.CGROUP2), Duration.ofSeconds(1), Duration.ofSeconds(30));

    source.accept(List.of(sdc(100, 0)), T0, envelopes);

    assertThat(source.accept(List.of(sdc(100, 0)), T0.plusSeconds(60), envelopes)).isEmpty();
  }

  @Test
  void shouldReportATaskStuckInDStateAndForgetItWhenItMoves() {
    TaskStateSource source =
        new TaskStateSource(
            Fixtures.root(Fixtures.CGROUP2), Duration.ofSeconds(1), Duration.ofSeconds(20));
    ProcTaskParser.Task blocked = new ProcTaskParser.Task(4711, "apt-get", 'D', 50, 523412);
    ProcTaskParser.Task running = new ProcTaskParser.Task(4711, "apt-get", 'R', 51, 523412);

    source.accept(List.of(blocked), T0, envelopes);
    List<TelemetryEvent> first = source.accept(List.of(blocked), T0.plusSeconds(20), envelopes);
    source.accept(List.of(running), T0.plusSeconds(21), envelopes);
    source.accept(List.of(blocked), T0.plusSeconds(22), envelopes);
    List<TelemetryEvent> second = source.accept(List.of(blocked), T0.plusSeconds(42), envelopes);

    assertThat(first)
        .singleElement()
        .satisfies(
            e -> {
              IoStall stall = (IoStall) e;
              assertThat(stall.kind()).isEqualTo(IoStall.Kind.D_STATE);
              assertThat(stall.subject()).isEqualTo("apt-get:4711");
            });
    assertThat(second).hasSize(1);
  }

  @Test
  void shouldReportAFreezeFromWhenTheTickWasDueToNow() {
    AtomicLong nanos = new AtomicLong();
    FreezeSource source =
        new FreezeSource(Duration.ofSeconds(1), Duration.ofSeconds(5), nanos::get);

    source.sample(envelopes, T0);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(source.sample(envelopes, T0.plusSeconds(1))).isEmpty();
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    List<TelemetryEvent> events = source.sample(envelopes, T0.plusSeconds(62));

    Freeze freeze = (Freeze) events.getFirst();
    assertThat(freeze.from()).isEqualTo(T0.plusSeconds(2));
    assertThat(freeze.to()).isEqualTo(T0.plusSeconds(62));
    assertThat(freeze.ts()).isEqualTo(T0.plusSeconds(62));
  }

  @Test
  void shouldTellASuspendedGuestByAWallClockJumpTheMonotonicClockDidNotSee() {
    // The PC slept for 5 minutes: the guest's kernel did not run, so its monotonic clock moved
    // one tick's worth, and time sync stepped the wall clock forward on resume.
    AtomicLong nanos = new AtomicLong();
    FreezeSource source =
        new FreezeSource(Duration.ofSeconds(1), Duration.ofSeconds(5), nanos::get);

    source.sample(envelopes, T0);
    nanos.addAndGet(Duration.ofMillis(1200).toNanos());
    List<TelemetryEvent> events = source.sample(envelopes, T0.plusSeconds(301));

    Freeze freeze = (Freeze) events.getFirst();
    assertThat(freeze.from()).isEqualTo(T0.plusSeconds(1));
    assertThat(freeze.to()).isEqualTo(T0.plusSeconds(301));
    assertThat(freeze.monotonicMillis()).isEqualTo(200L);
    assertThat(freeze.unseenByMonotonicClock()).isEqualTo(Duration.ofMillis(299_800));
  }

  @Test
  void shouldTellAFrozenProcessByBothClocksMovingAlike() {
    // The cgroup freezer held the collector for a minute: the kernel kept running, so the
    // monotonic clock advanced as far as the wall clock.
    AtomicLong nanos = new AtomicLong();
    FreezeSource source =
        new FreezeSource(Duration.ofSeconds(1), Duration.ofSeconds(5), nanos::get);

    source.sample(envelopes, T0);
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    List<TelemetryEvent> events = source.sample(envelopes, T0.plusSeconds(61));

    Freeze freeze = (Freeze) events.getFirst();
    assertThat(freeze.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(freeze.monotonicMillis()).isEqualTo(60_000L);
    assertThat(freeze.unseenByMonotonicClock()).isZero();
  }

  @Test
  void shouldSeeALateTickOnTheMonotonicClockWhenTheWallClockWasSetBack() {
    AtomicLong nanos = new AtomicLong();
    FreezeSource source =
        new FreezeSource(Duration.ofSeconds(1), Duration.ofSeconds(5), nanos::get);

    source.sample(envelopes, T0);
    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    List<TelemetryEvent> events = source.sample(envelopes, T0.plusSeconds(2));

    assertThat(events)
        .singleElement()
        .extracting(e -> ((Freeze) e).monotonicMillis())
        .isEqualTo(29_000L);
  }

  @Test
  void shouldCallAnAptRunWithoutProgressStalledOnceAndRecoveredWhenItEnds() {
    AptRunTracker tracker = new AptRunTracker(Duration.ofSeconds(90));
    var started =
        new AptRunTracker.Observation(
            List.of("Log started: 2026-11-20  09:06:00", "Unpacking libssl3t64:amd64 ..."),
            List.of("Start-Date: 2026-11-20  09:05:58", "Commandline: apt-get upgrade -y"),
            2,
            150,
            null);
    var quiet = new AptRunTracker.Observation(List.of(), List.of(), 2, 150, null);
    var ended =
        new AptRunTracker.Observation(
            List.of("Setting up libssl3t64:amd64 ...", "Log ended: 2026-11-20  09:09:10"),
            List.of("End-Date: 2026-11-20  09:09:10"),
            0,
            0,
            null);

    assertThat(tracker.accept(started, T0, envelopes)).isEmpty();
    assertThat(tracker.accept(quiet, T0.plusSeconds(89), envelopes)).isEmpty();
    List<TelemetryEvent> stalled = tracker.accept(quiet, T0.plusSeconds(90), envelopes);
    assertThat(tracker.accept(quiet, T0.plusSeconds(150), envelopes)).isEmpty();
    List<TelemetryEvent> recovered = tracker.accept(ended, T0.plusSeconds(190), envelopes);

    AptStall stall = (AptStall) stalled.getFirst();
    assertThat(stall.phase()).isEqualTo(AptStall.Phase.STALLED);
    assertThat(stall.commandline()).isEqualTo("apt-get upgrade -y");
    assertThat(stall.lastProgress()).isEqualTo(T0);
    assertThat(stall.stalledSeconds()).isEqualTo(90);
    assertThat(stall.lastLine()).isEqualTo("Unpacking libssl3t64:amd64 ...");
    AptStall recovery = (AptStall) recovered.getFirst();
    assertThat(recovery.phase()).isEqualTo(AptStall.Phase.RECOVERED);
    assertThat(recovery.stalledSeconds()).isEqualTo(190);
  }

  @Test
  void shouldCountCpuTimeOfAptProcessesAsProgress() {
    AptRunTracker tracker = new AptRunTracker(Duration.ofSeconds(90));

    tracker.accept(
        new AptRunTracker.Observation(List.of(), List.of(), 1, 10, "apt update"), T0, envelopes);
    for (int s = 30; s <= 300; s += 30) {
      assertThat(
              tracker.accept(
                  new AptRunTracker.Observation(List.of(), List.of(), 1, 10 + s, null),
                  T0.plusSeconds(s),
                  envelopes))
          .isEmpty();
    }
  }

  @Test
  void shouldInferReclaimFromAPageCacheDropWhileIdleOnly() {
    var before = ReclaimSource.sampleOf(4L << 30, true, 1000, 1000);
    var idleDrop = ReclaimSource.sampleOf(1L << 30, true, 1990, 2000);
    var busyDrop = ReclaimSource.sampleOf(1L << 30, true, 1100, 2000);
    var smallDrop = ReclaimSource.sampleOf((4L << 30) - (10L << 20), true, 1990, 2000);

    Reclaim reclaim = ReclaimSource.infer(before, idleDrop, true, envelopes, T0);

    assertThat(reclaim.bytes()).isEqualTo(3L << 30);
    assertThat(reclaim.inferredFrom()).isEqualTo(Reclaim.InferredFrom.CGROUP_DELTA);
    assertThat(ReclaimSource.infer(before, busyDrop, true, envelopes, T0)).isNull();
    assertThat(ReclaimSource.infer(before, smallDrop, true, envelopes, T0)).isNull();
    assertThat(ReclaimSource.infer(before, idleDrop, false, envelopes, T0)).isNull();
  }

  @Test
  void shouldTakeIdleAndTotalTicksFromProcStat() throws Exception {
    assertThat(ReclaimSource.cpuTicks(Fixtures.formatText("../wsl2-cgroup2/proc/stat")))
        .containsExactly(
            46828483L + 16683L, 10132153L + 290696 + 3084719 + 46828483 + 16683 + 25195);
  }
}
