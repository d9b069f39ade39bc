package dev.stallwatch.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stallwatch.model.CgroupLayout;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Heartbeat.SourceHealth;
import dev.stallwatch.model.event.Heartbeat.SourceHealth.Status;
import dev.stallwatch.model.event.HungTask;
import dev.stallwatch.model.event.Inventory;
import dev.stallwatch.model.event.KernelLog;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorTest {

  private static final Duration FAST = Duration.ofMillis(50);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final RecordingSink sink = new RecordingSink();
  private final SourceHealthBoard health = new SourceHealthBoard();
  private Collector collector;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private Collector start(List<Source> polled, List<StreamingSource> streaming) {
    List<Source> withHeartbeat =
        Stream.concat(
                polled.stream(), Stream.of(new HeartbeatSource(health, sink::failedCount, FAST)))
            .toList();
    collector =
        new Collector(
            new EnvelopeFactory("host-a", 0),
            sink,
            withHeartbeat,
            streaming,
            health,
            FAST,
            Clock.systemUTC());
    collector.start();
    return collector;
  }

  /** The newest heartbeat's view of the sources. */
  private Map<String, SourceHealth> lastHeartbeat() {
    List<Heartbeat> beats = sink.ofType(Heartbeat.class);
    return beats.isEmpty() ? Map.of() : beats.getLast().sources();
  }

  @Test
  void shouldRunEverySourceOfAGuestMachine() {
    collector =
        Collector.guest(
            Fixtures.root(Fixtures.CGROUP2), "host-a", sink, new CollectorSettings(FAST, FAST));
    collector.start();

    await().atMost(WAIT).until(() -> sink.ofType(Memory.class).size() >= 2);
    await()
        .atMost(WAIT)
        .until(
            () ->
                Stream.of("inventory", "meminfo", "kmsg", "heartbeat")
                    .allMatch(
                        name ->
                            lastHeartbeat().get(name) != null
                                && lastHeartbeat().get(name).status() == Status.OK));
    assertThat(sink.ofType(Inventory.class))
        .singleElement()
        .satisfies(inventory -> assertThat(inventory.cgroupLayout()).isEqualTo(CgroupLayout.V2));
    assertThat(sink.ofType(HungTask.class))
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.comm()).isEqualTo("apt-get");
              assertThat(task.ts()).isEqualTo(Instant.parse("2023-11-14T23:40:34.567890Z"));
            });
    assertThat(sink.events()).allMatch(event -> event.host().equals("host-a"));
  }

  @Test
  void shouldReportSourcesWithNothingToReadAsAbsent(@TempDir Path emptyRoot) {
    collector = Collector.guest(emptyRoot, "host-a", sink, new CollectorSettings(FAST, FAST));
    collector.start();

    await()
        .atMost(WAIT)
        .until(() -> lastHeartbeat().get("meminfo") != null && lastHeartbeat().get("kmsg") != null);
    assertThat(lastHeartbeat().get("meminfo")).isEqualTo(new SourceHealth(Status.ABSENT, null));
    assertThat(lastHeartbeat().get("kmsg")).isEqualTo(new SourceHealth(Status.ABSENT, null));
    assertThat(sink.ofType(Memory.class)).isEmpty();
  }

  @Test
  void shouldKeepOtherSourcesRunningWhileOneFailsAndShowItFailing() {
    CountingSource failing = new CountingSource("broken", FAST, true);
    CountingSource working = new CountingSource("working", FAST, false);
    start(List.of(failing, working), List.of());

    await().atMost(WAIT).until(() -> working.calls.get() >= 5 && failing.calls.get() >= 5);
    await().atMost(WAIT).until(() -> lastHeartbeat().containsKey("broken"));

    assertThat(lastHeartbeat().get("broken"))
        .isEqualTo(
            new SourceHealth(Status.FAILING, "IOException: proc/broken: Input/output error"));
    assertThat(lastHeartbeat().get("working")).isEqualTo(new SourceHealth(Status.OK, null));
    assertThat(sink.ofType(KernelLog.class)).hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldRetryAFailingSourceEveryIntervalAndNoFaster() {
    ManualScheduler time = new ManualScheduler();
    CountingSource failing = new CountingSource("broken", Duration.ofMillis(200), true);
    collector =
        new Collector(
            new EnvelopeFactory("host-a", 0),
            sink,
            List.of(failing),
            List.of(),
            health,
            FAST,
            Clock.systemUTC(),
            threads -> time);
    collector.start();

    time.advance(Duration.ZERO);
    assertThat(failing.calls).as("tried at once").hasValue(1);
    time.advance(Duration.ofMillis(199));
    assertThat(failing.calls).as("not again before its interval").hasValue(1);
    time.advance(Duration.ofMillis(1));
    assertThat(failing.calls).as("again after its interval").hasValue(2);
    time.advance(Duration.ofMillis(800));
    assertThat(failing.calls).as("once per interval, still retried").hasValue(6);
  }

  @Test
  void shouldNumberEventsStrictlyIncreasingAcrossSources() {
    CountingSource first = new CountingSource("first", FAST, false);
    CountingSource second = new CountingSource("second", FAST, false);
    start(List.of(first, second), List.of());

    await().atMost(WAIT).until(() -> first.calls.get() >= 10 && second.calls.get() >= 10);
    collector.close();

    List<TelemetryEvent> events = sink.events();
    List<Long> seqs = events.stream().map(e -> e.envelope().seq()).toList();
    assertThat(seqs).doesNotHaveDuplicates();
    assertThat(seqs.stream().sorted().toList())
        .isEqualTo(LongStream.range(0, seqs.size()).boxed().toList());
    Map<String, List<Long>> bySource =
        events.stream()
            .collect(
                Collectors.groupingBy(
                    e -> e instanceof KernelLog log ? log.rule() : e.type(),
                    Collectors.mapping(e -> e.envelope().seq(), Collectors.toList())));
    assertThat(bySource).containsKeys("first", "second", "heartbeat");
    bySource.values().forEach(perSource -> assertThat(perSource).isSorted());
  }

  @Test
  void shouldRestartAStreamingSourceThatFailedAfterTheDelay() {
    FlakyStream stream = new FlakyStream();
    start(List.of(), List.of(stream));

    await().atMost(WAIT).until(() -> sink.ofType(KernelLog.class).size() == 1);
    assertThat(stream.opens.get()).isEqualTo(2);
    await()
        .atMost(WAIT)
        .until(
            () ->
                Optional.ofNullable(lastHeartbeat().get("flaky"))
                        .map(SourceHealth::status)
                        .orElse(null)
                    == Status.OK);
  }

  @Test
  void shouldStopItsThreadsOnCloseAndLeaveTheSinkOpen() {
    CountingSource working = new CountingSource("working", FAST, false);
    start(List.of(working), List.of(new FlakyStream()));
    await().atMost(WAIT).until(() -> working.calls.get() >= 2);

    collector.close();
    int callsAtClose = working.calls.get();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("stallwatch-") && t.isAlive());
    assertThat(working.calls.get()).isEqualTo(callsAtClose);
    assertThat(sink.isClosed()).isFalse();
    assertThatThrownBy(collector::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldRejectTwoSourcesWithTheSameName() {
    assertThatThrownBy(
            () ->
                start(
                    List.of(
                        new CountingSource("twin", FAST, false),
                        new CountingSource("twin", FAST, false)),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twin");
  }

  /** A polled source that counts its calls and either fails or emits one kernel_log event. */
  private static final class CountingSource implements Source {
    final AtomicInteger calls = new AtomicInteger();
    private final String name;
    private final Duration interval;
    private final boolean fails;

    CountingSource(String name, Duration interval, boolean fails) {
      this.name = name;
      this.interval = interval;
      this.fails = fails;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Duration interval() {
      return interval;
    }

    @Override
    public List<TelemetryEvent> sample(EnvelopeFactory envelopes, Instant now) throws IOException {
      calls.incrementAndGet();
      if (fails) {
        throw new IOException("proc/" + name + ": Input/output error");
      }
      return List.of(new KernelLog(envelopes.next(now), name, "sampled", 6));
    }
  }

  /** A streaming source whose first open fails; the second emits one event and reads to end. */
  private static final class FlakyStream implements StreamingSource {
    final AtomicInteger opens = new AtomicInteger();

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public void open() throws IOException {
      if (opens.incrementAndGet() == 1) {
        throw new IOException("dev/flaky: Resource temporarily unavailable");
      }
    }

    @Override
    public void run(EventSink sink, EnvelopeFactory envelopes) {
      sink.emit(new KernelLog(envelopes.next(Instant.now()), "flaky", "streamed", 6));
    }

    @Override
    public void close() {}
  }
}
