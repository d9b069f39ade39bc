package dev.stallwatch.app.demo;

import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.EventSink;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated team for {@code stallwatch up --demo}. Each host sends its events through the same
 * {@link EventSink} a real collector uses, so they travel the real path (Kafka, the topology, the
 * index). The scenario backfills {@link DemoScenarios#SPAN} of history at {@value #SPEED}x, once
 * per data directory: {@link DemoProgress} remembers what was sent, so a restart goes on where the
 * last run stopped and, once the scenario is complete, the hosts only send heartbeats and memory
 * samples to show they are alive.
 */
public final class DemoFleet implements AutoCloseable {

  static final int SPEED = 30;
  private static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);

  /** One scripted event of one host; the scenario is all of them in time order. */
  private record Step(String host, DemoHost.ScriptedEvent scripted) {}

  private final EventSink sink;
  private final Clock wall;
  private final List<DemoHost> hosts = DemoScenarios.fleet();
  private final List<Step> scenario = scenario(hosts);
  private final DemoProgress progress;
  private final DemoClock clock;
  private final Map<String, EnvelopeFactory> envelopes = new LinkedHashMap<>();
  private final Random random = new Random(42);
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("demo-fleet").daemon().unstarted(runnable));

  /**
   * @param stateDir where the fleet remembers its progress ({@code DATA/demo})
   */
  public DemoFleet(EventSink sink, Clock wall, Path stateDir) throws IOException {
    this.sink = sink;
    this.wall = wall;
    this.progress = DemoProgress.load(stateDir, wall.instant(), scenario.size());
    this.clock = new DemoClock(wall, progress.started(), DemoScenarios.SPAN, SPEED);
    // Start past any earlier run's numbers, as a collector that kept its counter would.
    long firstSeq = wall.millis();
    hosts.forEach(host -> envelopes.put(host.id(), new EnvelopeFactory(host.id(), firstSeq)));
  }

  public void start() {
    if (progress.sent() >= scenario.size()) {
      LOG.info(
          "demo fleet: {} simulated hosts, alive; their scenario was sent to this data directory"
              + " before, so its incidents stay as they are",
          hosts.size());
    } else {
      LOG.info(
          "demo fleet: {} simulated hosts; scenario events {} to {} to send",
          hosts.size(),
          progress.sent() + 1,
          scenario.size());
      scheduler.execute(this::sendDueSteps);
    }
    scheduler.scheduleAtFixedRate(
        this::sendVitals, 0, HEARTBEAT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private static List<Step> scenario(List<DemoHost> hosts) {
    return hosts.stream()
        .flatMap(host -> host.script().stream().map(scripted -> new Step(host.id(), scripted)))
        .sorted(Comparator.comparing(step -> step.scripted().offset()))
        .toList();
  }

  /** Sends the steps whose time has come, records how far it got, and waits for the next one. */
  private void sendDueSteps() {
    int next = progress.sent();
    while (next < scenario.size() && delayUntil(scenario.get(next)) == 0) {
      send(scenario.get(next));
      next++;
    }
    try {
      progress.sent(next);
    } catch (IOException e) {
      LOG.warn(
          "demo fleet: cannot record its progress ({}); a restart may send some events again",
          e.toString());
    }
    if (next < scenario.size()) {
      scheduler.schedule(this::sendDueSteps, delayUntil(scenario.get(next)), TimeUnit.MILLISECONDS);
    } else {
      LOG.info(
          "demo fleet: scenario sent ({} events); from now on the hosts only show they are"
              + " alive",
          scenario.size());
    }
  }

  private long delayUntil(Step step) {
    Instant realAt = clock.realTimeOf(simTimeOf(step));
    return Math.max(0, Duration.between(wall.instant(), realAt).toMillis());
  }

  private Instant simTimeOf(Step step) {
    return clock.simStart().plus(step.scripted().offset());
  }

  private void send(Step step) {
    emit(step.scripted().event().apply(envelopes.get(step.host()).next(simTimeOf(step))));
  }

  private void sendVitals() {
    Instant now = clock.now();
    for (DemoHost host : hosts) {
      EnvelopeFactory factory = envelopes.get(host.id());
      emit(memorySample(factory, now));
      emit(new Heartbeat(factory.next(now), Map.of(), 0, 0));
    }
  }

  private Memory memorySample(EnvelopeFactory factory, Instant now) {
    long total = 16_318_792L;
    long cached = 3_000_000L + random.nextLong(2_000_000L);
    long free = 6_000_000L + random.nextLong(3_000_000L);
    return new Memory(
        factory.next(now),
        total,
        free,
        free + cached,
        120_484L,
        cached,
        1_236L,
        0L,
        4_194_304L,
        4_194_304L,
        3_196L,
        412_908L,
        null,
        Map.of());
  }

  private void emit(TelemetryEvent event) {
    try {
      sink.emit(event);
    } catch (RuntimeException e) {
      LOG.warn(
          "demo fleet could not send a {} event of {}: {}",
          event.type(),
          event.host(),
          e.getMessage());
    }
  }
}
