package dev.stallwatch.app.demo;

import dev.stallwatch.collector.EnvelopeFactory;
import dev.stallwatch.collector.EventSink;
import dev.stallwatch.model.event.Heartbeat;
import dev.stallwatch.model.event.Memory;
import dev.stallwatch.model.event.TelemetryEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * index). The first round backfills {@link DemoScenarios#SPAN} of history at {@value #SPEED}x;
 * later rounds replay in real time every {@link #ROUND_PERIOD}.
 */
public final class DemoFleet implements AutoCloseable {

  static final int SPEED = 30;
  static final Duration ROUND_PERIOD = Duration.ofMinutes(20);
  private static final Duration HEARTBEAT_PERIOD = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);

  private final EventSink sink;
  private final Clock wall;
  private final DemoClock clock;
  private final List<DemoHost> hosts = DemoScenarios.fleet();
  private final Map<String, EnvelopeFactory> envelopes = new LinkedHashMap<>();
  private final Random random = new Random(42);
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("demo-fleet").daemon().unstarted(runnable));

  public DemoFleet(EventSink sink, Clock wall) {
    this.sink = sink;
    this.wall = wall;
    this.clock = new DemoClock(wall, DemoScenarios.SPAN, SPEED);
    // Start past any earlier run's numbers, as a collector that kept its counter would.
    long firstSeq = wall.millis();
    hosts.forEach(host -> envelopes.put(host.id(), new EnvelopeFactory(host.id(), firstSeq)));
  }

  public void start() {
    LOG.info("demo fleet: {} simulated hosts", hosts.size());
    scheduleRound(clock.simStart());
    scheduler.scheduleAtFixedRate(
        this::sendVitals, 0, HEARTBEAT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void scheduleRound(Instant simBase) {
    for (DemoHost host : hosts) {
      for (DemoHost.ScriptedEvent step : host.script()) {
        Instant simAt = simBase.plus(step.offset());
        scheduler.schedule(
            () -> send(host.id(), simAt, step), delayUntil(simAt), TimeUnit.MILLISECONDS);
      }
    }
    Instant nextBase = simBase.plus(DemoScenarios.SPAN).plus(ROUND_PERIOD);
    scheduler.schedule(() -> scheduleRound(nextBase), delayUntil(nextBase), TimeUnit.MILLISECONDS);
  }

  private long delayUntil(Instant simInstant) {
    return Math.max(0, Duration.between(wall.instant(), clock.realTimeOf(simInstant)).toMillis());
  }

  private void send(String host, Instant simAt, DemoHost.ScriptedEvent step) {
    emit(step.event().apply(envelopes.get(host).next(simAt)));
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
